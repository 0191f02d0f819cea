import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { readBoard } from '../board/doc';
import { HOSTILE_TEXTS, hostileBoard } from './testBoard';
import { buildNoteTable } from './table';
import { escapeBlock, escapeInline, toMarkdown } from './markdown';

// A real renderer with every link-making feature on: whatever it turns into markup, a report tool could too.
const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
const decode = (html: string) =>
  html
    .replace(/<br>\n?/g, '\n')
    .replace(/<\/?p>\n?/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trimEnd();

describe('Markdown escaping', () => {
  it.each(HOSTILE_TEXTS)('renders %j as exactly its text, with no markup', (text) => {
    const html = md.render(escapeBlock(text));
    expect(html).not.toMatch(/<(a|script|img|h\d|em|strong|code|s|table|ol|ul|li)[\s>]/);
    const expected = text
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
    expect(decode(html)).toBe(expected);
  });

  it('escapes the characters Markdown gives meaning to', () => {
    expect(escapeInline('[a](b) <i> #1 *x* _y_ `z` |t| !i')).toBe('\\[a\\]\\(b\\) \\<i\\> \\#1 \\*x\\* \\_y\\_ \\`z\\` \\|t\\| \\!i');
    expect(escapeInline('相談窓口')).toBe('相談窓口');
  });
});

describe('Markdown export', () => {
  it('has a heading per group and per section and a list item per note', () => {
    const table = buildNoteTable(readBoard(hostileBoard()));
    const text = toMarkdown(table);
    const tokens = md.parse(text, {});
    const headings = tokens.filter((t) => t.type === 'heading_open').map((t) => t.tag);
    expect(headings.filter((h) => h === 'h1')).toHaveLength(1);
    expect(headings.filter((h) => h === 'h2')).toHaveLength(3);
    expect(headings.filter((h) => h === 'h3')).toHaveLength(6);
    expect(tokens.filter((t) => t.type === 'list_item_open')).toHaveLength(HOSTILE_TEXTS.length);
    const html = md.render(text);
    expect(html).toContain('<h1>当別町 研修 &lt;b&gt;2020&lt;/b&gt;</h1>');
    expect(html).toContain('<h2>グループA</h2>');
    expect(html).not.toMatch(/<(a|script|img|em|strong|code|s|table|ol)[\s>]/);
    expect(html).toContain('=SUM(A1)（相談支援・記入者0）');
    expect(html).toContain('一行目<br>\n二行目<br>\n三行目');
  });

  it('leaves authors out on an anonymous board', () => {
    const text = toMarkdown(buildNoteTable(readBoard(hostileBoard({ anonymous: true }))));
    expect(text).not.toContain('記入者');
  });

  it('is a valid document for an empty board', () => {
    const text = toMarkdown(buildNoteTable(readBoard(hostileBoard({ texts: [] }))));
    expect(md.render(text)).toContain('付箋 0 枚');
  });
});
