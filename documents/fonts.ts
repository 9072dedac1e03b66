/** The Chinese font of every printed document: Noto Sans SC, regular and bold, from its npm package. */
import { readFile } from 'node:fs/promises';

export interface DocumentFonts {
  regular: Buffer;
  bold: Buffer;
}

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

let fonts: Promise<DocumentFonts> | undefined;

/** The two font files (about 10 MB each), read once per process; pdfkit embeds only the glyphs used. */
export function loadFonts(): Promise<DocumentFonts> {
  fonts ??= Promise.all([
    readFile(require.resolve(FONT_FILES.regular)),
    readFile(require.resolve(FONT_FILES.bold)),
  ]).then(([regular, bold]) => ({ regular, bold }));
  fonts.catch(() => (fonts = undefined));
  return fonts;
}
