import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsObject, IsOptional } from 'class-validator';

/** 定区域 (G7): a GeoJSON geometry, or a Feature holding one; the service checks rings and nesting. */
export class AreaBodyDto {
  @ApiProperty({ enum: ['Polygon', 'MultiPolygon', 'Feature'], example: 'Polygon' })
  @IsIn(['Polygon', 'MultiPolygon', 'Feature'], { message: 'type must be Polygon, MultiPolygon or Feature' })
  type!: 'Polygon' | 'MultiPolygon' | 'Feature';

  @ApiPropertyOptional({
    description: '坐标 [经度, 纬度] Coordinates, [lng, lat] (Polygon, MultiPolygon)',
    example: [
      [
        [108.49, 25.9],
        [108.55, 25.9],
        [108.55, 25.96],
        [108.49, 25.96],
        [108.49, 25.9],
      ],
    ],
  })
  @IsOptional()
  @IsArray()
  coordinates?: unknown[];

  @ApiPropertyOptional({ description: '几何 Geometry (Feature)' })
  @IsOptional()
  @IsObject()
  geometry?: Record<string, unknown>;

  @ApiPropertyOptional({ description: '属性 Properties (Feature), ignored' })
  @IsOptional()
  @IsObject()
  properties?: Record<string, unknown>;
}
