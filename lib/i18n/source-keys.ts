// The words in the source that the reader sees, found by parsing it (TypeScript's own parser):
// every msg`…` template and every t('…') / words('…') call gives a key the translations must
// hold; JSX text and reader-facing attributes written as bare English are reported, since they
// would never be translated. Used by the i18n test; not part of the app.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SourceKey {
  key: string;
  file: string;
  line: number;
}

const TRANSLATING_CALLS = new Set(['t', 'words']);
/** Attributes a reader hears or sees. */
const READER_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label']);

export function sourceFiles(roots: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (
        /\.tsx?$/.test(name) &&
        !/\.(test|spec)\.tsx?$/.test(name) &&
        !name.endsWith('.d.ts')
      )
        out.push(full);
    }
  };
  for (const root of roots) walk(root);
  return out.sort();
}

function templateKey(node: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  let key = node.head.text;
  node.templateSpans.forEach((span, i) => {
    key += `{${i}}${span.literal.text}`;
  });
  return key;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function at(source: ts.SourceFile, node: ts.Node, file: string, key: string): SourceKey {
  return { key, file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 };
}

function isMsgTemplate(node: ts.Node): node is ts.TaggedTemplateExpression {
  return (
    ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'msg'
  );
}

/** Every key the source asks to translate. */
export function keysInSource(files: string[]): SourceKey[] {
  const keys: SourceKey[] = [];
  for (const file of files) {
    const source = parse(file);
    const visit = (node: ts.Node) => {
      if (isMsgTemplate(node)) keys.push(at(source, node, file, templateKey(node.template)));
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : undefined;
        const first = node.arguments[0];
        if (name && TRANSLATING_CALLS.has(name) && first) {
          if (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))
            keys.push(at(source, node, file, first.text));
          else if (ts.isConditionalExpression(first))
            for (const branch of [first.whenTrue, first.whenFalse])
              if (ts.isStringLiteral(branch)) keys.push(at(source, branch, file, branch.text));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return keys;
}

/** English written straight into JSX (text or a reader-facing attribute), which no one translates. */
export function bareJsxWords(files: string[]): SourceKey[] {
  const found: SourceKey[] = [];
  for (const file of files.filter((f) => f.endsWith('.tsx'))) {
    const source = parse(file);
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node) && /[A-Za-z]{2,}/.test(node.text))
        found.push(at(source, node, file, node.text.trim().replace(/\s+/g, ' ')));
      if (
        ts.isJsxAttribute(node) &&
        READER_ATTRIBUTES.has(node.name.getText(source)) &&
        node.initializer &&
        ts.isStringLiteral(node.initializer) &&
        /[A-Za-z]{2,}/.test(node.initializer.text)
      )
        found.push(at(source, node, file, node.initializer.text));
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** An expression that yields English words: a string literal, or an untagged template with words. */
function isEnglishFragment(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isEnglishFragment(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return /[A-Za-z]{2,}/.test(node.text);
  if (ts.isTemplateExpression(node))
    return /[A-Za-z]{2,}/.test(
      [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '),
    );
  if (ts.isConditionalExpression(node))
    return isEnglishFragment(node.whenTrue) || isEnglishFragment(node.whenFalse);
  if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken
  )
    return isEnglishFragment(node.right);
  return false;
}

/** English words put into a message as plain text (they would stay English in every language). */
export function englishInsideMessages(files: string[]): SourceKey[] {
  const found: SourceKey[] = [];
  for (const file of files) {
    const source = parse(file);
    const visit = (node: ts.Node) => {
      if (isMsgTemplate(node) && ts.isTemplateExpression(node.template))
        for (const span of node.template.templateSpans)
          if (isEnglishFragment(span.expression))
            found.push(at(source, span.expression, file, span.expression.getText(source)));
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
