import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { Configuration } from '../../config/configuration';

/** The API's one Temporal client; the API never runs a worker. */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [Configuration],
      useFactory: (config: Configuration) => {
        // Lazy: the API starts (and answers 503) while Temporal is down, and connects once it is back (S3). A
        // few quick retries ride over a restart; a longer outage is the client's to retry after Retry-After.
        const connection = Connection.lazy({
          address: config.TEMPORAL_ADDRESS,
          connectTimeout: '5s',
          interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))],
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
