import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Configuration } from '../../config/configuration';

/** Makes the validated Configuration injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: Configuration): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: Configuration, useValue: config }],
      exports: [Configuration],
    };
  }
}
