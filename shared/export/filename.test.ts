import { describe, expect, it } from 'vitest';
import { exportFileName } from './filename';

describe('download file names', () => {
  it('keeps Japanese, drops what no file system accepts, and joins the snapshot name', () => {
    expect(exportFileName('当別町 研修', 'xlsx')).toBe('当別町 研修.xlsx');
    expect(exportFileName('a/b\\c:d*e?"f"<g>|h\u0007', 'csv')).toBe('a b c d e f g h.csv');
    expect(exportFileName('研修', 'md', '討議①のあと')).toBe('研修_討議①のあと.md');
    expect(exportFileName('', 'json')).toBe('board.json');
    expect(exportFileName('...', 'png')).toBe('board.png');
    expect([...exportFileName('長'.repeat(300), 'png')].length).toBe(84);
  });
});
