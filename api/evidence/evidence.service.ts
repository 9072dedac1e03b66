import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../domain/organisation/roles';
import { EvidenceRepository } from '../../persistence/repositories/evidence.repository';
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
  constructor(private readonly evidence: EvidenceRepository) {}

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
    const created = await this.evidence.store({
      id,
      content,
      mediaType,
      originalName: name || null,
      uploadedBy: actor.id.slice(0, 64),
    });
    return { evidence: { id, sha256: id, size: content.length, mediaType }, created };
  }

  async read(id: string): Promise<EvidenceContent> {
    if (!EVIDENCE_ID.test(id)) throw EvidenceErrors.badId(id);
    const row = await this.evidence.find(id);
    if (!row) throw EvidenceErrors.notFound(id);
    return {
      content: row.content,
      mediaType: row.media_type,
      size: row.size,
      originalName: row.original_name,
    };
  }
}
