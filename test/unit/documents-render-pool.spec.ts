import { renderPdf as drawPdf, renderXlsx as drawXlsx } from '../../documents/draw';
import { configureDocumentRendering } from '../../documents/render';
import { DocumentRenderPool } from '../../documents/render-pool';
import type { PrintableDocument } from '../../domain/documents/printable';

const CREATED = new Date('2027-03-01T01:00:00Z');

// Each thread compiles the drawing code and loads the fonts when it starts: seconds on a loaded machine.
jest.setTimeout(60_000);

function ledger(rows: number): PrintableDocument {
  return {
    title: '县水务局问题台账',
    meta: [['单位', '县水务局']],
    sections: [
      {
        heading: '问题清单',
        table: {
          columns: ['序号', '问题编号', '问题标题', '状态'],
          rows: Array.from({ length: rows }, (_, i) => [
            i + 1,
            `2027-${String(i + 1).padStart(6, '0')}`,
            `古州镇河道沿岸生活垃圾堆放（第${i + 1}处）`,
            i % 2 ? '整改中' : '已销号',
          ]),
        },
      },
    ],
    footer: '榕江县生态环境保护委员会办公室',
  };
}

describe(DocumentRenderPool.name, () => {
  let pool: DocumentRenderPool;
  afterEach(async () => {
    await pool?.close();
  });

  it('renders on its threads the same bytes as drawing inline', async () => {
    pool = new DocumentRenderPool(1);
    const doc = ledger(40);
    const [pdf, xlsx] = await Promise.all([
      pool.render('pdf', doc, { createdAt: CREATED }),
      pool.render('xlsx', doc, { createdAt: CREATED }),
    ]);
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.equals(await drawPdf(doc, { createdAt: CREATED }))).toBe(true);
    expect(xlsx.length).toBeGreaterThan(1000);
    // XLSX is a zip whose entries carry no fixed dates: compare what the inline drawing gives in the same way.
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.length).toBe((await drawXlsx(doc, { createdAt: CREATED })).length);
  });

  it('never starts more threads than its size, however many renders wait', async () => {
    pool = new DocumentRenderPool(2);
    const docs = Array.from({ length: 6 }, (_, i) => ledger(5 + i));
    const pdfs = await Promise.all(docs.map((doc) => pool.render('pdf', doc, { createdAt: CREATED })));
    expect(pool.peakThreads).toBe(2);
    expect(pool.threadCount).toBeLessThanOrEqual(2);
    for (const [i, pdf] of pdfs.entries()) {
      expect(pdf.equals(await drawPdf(docs[i], { createdAt: CREATED }))).toBe(true);
    }
  });

  it('hands a rendering error to the caller and keeps rendering afterwards', async () => {
    pool = new DocumentRenderPool(1);
    const broken = { ...ledger(1), sections: null } as unknown as PrintableDocument;
    await expect(pool.render('pdf', broken)).rejects.toMatchObject({
      name: 'TypeError',
      message: expect.stringMatching(/iterable|null/),
    });
    await expect(pool.render('xlsx', broken)).rejects.toMatchObject({ name: 'TypeError' });
    const pdf = await pool.render('pdf', ledger(3), { createdAt: CREATED });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('ends a thread left idle, and starts one again for the next render', async () => {
    pool = new DocumentRenderPool(1, 50);
    await pool.render('pdf', ledger(2), { createdAt: CREATED });
    expect(pool.threadCount).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pool.threadCount).toBe(0);
    const pdf = await pool.render('pdf', ledger(2), { createdAt: CREATED });
    expect(pdf.equals(await drawPdf(ledger(2), { createdAt: CREATED }))).toBe(true);
  });

  it('refuses a size below one, and renders nothing once closed', async () => {
    expect(() => new DocumentRenderPool(0)).toThrow(/at least one thread/);
    pool = new DocumentRenderPool(1);
    await pool.close();
    await expect(pool.render('pdf', ledger(1))).rejects.toThrow(/closed/);
  });
});

describe(configureDocumentRendering.name, () => {
  it('accepts 0 (inline) and refuses a negative or fractional thread count', () => {
    expect(() => configureDocumentRendering({ threads: -1 })).toThrow(/whole number/);
    expect(() => configureDocumentRendering({ threads: 1.5 })).toThrow(/whole number/);
    expect(() => configureDocumentRendering({ threads: 0 })).not.toThrow();
    configureDocumentRendering({ threads: 1 });
  });
});
