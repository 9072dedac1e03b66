import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { Configuration } from '../../config/configuration';

/** The API's one Temporal client; the API never runs a worker. */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [Configuration],
      useFactory: async (config: Configuration) => {
        const connection = await Connection.connect({
          address: config.TEMPORAL_ADDRESS,
          connectTimeout: '10s',
        });
        return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
      },
    },
  ],
  exports: [Client],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
