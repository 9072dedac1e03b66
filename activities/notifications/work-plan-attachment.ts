import type { WorkPlanRepository } from '../../persistence/repositories/work-plan.repository';
import { SendError } from './email.channel';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/** R3: a department's 网格监管工作方案 as it was uploaded, to go with the mail that submits it. */
export async function workPlanAttachment(
  plans: WorkPlanRepository,
  ref: string,
): Promise<{ filename: string; content: Buffer; contentType: string }> {
  const id = ref.replace(/^work-plan\//, '');
  const file = await plans.file(id);
  // A plan is never deleted; a missing one is a fault no retry mends.
  if (!file) throw new SendError(`work plan ${id} is not stored`, true);
  const extension = EXTENSIONS[file.mediaType] ?? 'bin';
  return {
    filename: file.originalName ?? `${file.unitName}${file.year}年度网格监管工作方案.${extension}`,
    content: file.content,
    contentType: file.mediaType,
  };
}
