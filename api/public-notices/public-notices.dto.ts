import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsText } from '../common/validation';

/** 公示异议 An objection anyone may send while an issue is under public notice (L14). */
export class PublicObjectionDto {
  @IsText('异议内容 What is still wrong', { max: 2000, example: '河段仍有垃圾，气味很大' })
  content!: string;

  @IsText('称呼（公开于问题记录，可不填） How to call the objector; may be left out', {
    max: 32,
    optional: true,
    example: '王先生',
  })
  name?: string;

  @ApiPropertyOptional({
    description: '联系方式（仅县环委办可见，不公开） Phone or e-mail, for 县环委办 only; never published',
    maxLength: 128,
    example: '138****0000',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  contact?: string;
}

/** What a public notice (公示) shows: the problem, where, what was done, by whom, until when. */
export interface PublicNotice {
  code: string;
  title: string;
  category: string;
  categoryName: string;
  township: string;
  townshipName: string;
  village: string | null;
  location: { lat: number; lng: number } | null;
  reportedAt: string;
  /** 整改责任单位. */
  ownerName: string | null;
  /** What the owner says was done (the closure application), the plan's measures and target when there is one. */
  rectification: { summary: string | null; measures: string | null; target: string | null };
  /** 验收意见 of 县环委办. */
  acceptance: string | null;
  notice: { startedAt: string; endsAt: string };
  objections: number;
}

export interface PublicObjectionReceipt {
  code: string;
  /** The objection's number on the issue. */
  objection: number;
  message: string;
}

/** An objection as 县环委办 reads it, with the contact the public page keeps private. */
export interface PublicObjectionRecord {
  id: string;
  issueCode: string;
  objection: number | null;
  name: string | null;
  contact: string | null;
  content: string;
  receivedAt: string;
}
