import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../domain/organisation/roles';
import { EvidenceErrors } from './evidence.errors';
import { sniffMediaType, type EvidenceMediaType } from './media-type';

export interface StoredEvidence {
  id: string;
  sha256: string;
  size: number;
  mediaType: EvidenceMediaType;
}

export interface EvidenceContent {
  content: Buffer;
  mediaType: string;
  size: number;
  originalName: string | null;
}

export const EVIDENCE_ID = /^[0-9a-f]{64}$/;

/** Evidence files stored in PostgreSQL, addressed by the sha256 of their content (so uploads deduplicate). */
@Injectable()
export class EvidenceService {
  constructor(private readonly dataSource: DataSource) {}

  /** `created` is false when the same content was already stored (by anyone). */
  async store(
    content: Buffer,
    originalName: string | undefined,
    actor: Actor,
  ): Promise<{ evidence: StoredEvidence; created: boolean }> {
    const mediaType = sniffMediaType(content);
    if (!mediaType) throw EvidenceErrors.unsupportedType();
    const id = createHash('sha256').update(content).digest('hex');
    const name = originalName
      ? [...originalName]
          .filter((c) => c >= ' ' && c !== '\u007f')
          .join('')
          .slice(0, 255)
      : null;
    const inserted = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO evidence_files (id, content, media_type, size, original_name, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [id, content, mediaType, content.length, name || null, actor.id.slice(0, 64)],
    );
    return { evidence: { id, sha256: id, size: content.length, mediaType }, created: inserted.length > 0 };
  }

  async read(id: string): Promise<EvidenceContent> {
    if (!EVIDENCE_ID.test(id)) throw EvidenceErrors.badId(id);
    const [row] = await this.dataSource.query<
      Array<{ content: Buffer; media_type: string; size: number; original_name: string | null }>
    >(`SELECT content, media_type, size, original_name FROM evidence_files WHERE id = $1`, [id]);
    if (!row) throw EvidenceErrors.notFound(id);
    return {
      content: row.content,
      mediaType: row.media_type,
      size: row.size,
      originalName: row.original_name,
    };
  }
}
