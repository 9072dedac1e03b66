import { Module } from '@nestjs/common';
import { BattleMapController } from './battle-map.controller';
import { BattleMapService } from './battle-map.service';

/** 网格监管作战图 (P9). */
@Module({ controllers: [BattleMapController], providers: [BattleMapService] })
export class BattleMapModule {}
