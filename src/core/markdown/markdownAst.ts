import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';

export type MarkdownParser = (text: string) => Root;

/** One parser per service instance; it holds no state between documents. */
export function createMarkdownParser(): MarkdownParser {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
  return (text) => processor.parse(text);
}
