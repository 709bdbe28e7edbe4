import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

/** One piece of text a screen can show, and where it is written. */
export interface UiText {
  file: string
  line: number
  text: string
}

/**
 * Properties whose value people read on screen: an error's message and fix, a finding's sentence,
 * a step's message or reason, a label. `terminalFix` is the command line's own words and is left out.
 */
const TEXT_PROPERTIES = new Set(['message', 'fix', 'reason', 'sentence', 'summary', 'title', 'hint', 'label', 'text', 'where', 'awaits', 'needsLabel'])

/** The name of a constant that holds texts by key. */
const TEXT_TABLE = /(MESSAGES?|TEXTS?|LABELS?|FIX(ES)?|WORDS?|TITLES?)$/i

/** Every .ts/.tsx file under `dir` that is not a test. */
export const sourceFiles = (root: string, dir: string): string[] => {
  const out: string[] = []
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(relative(root, p))
    }
  }
  walk(join(root, dir))
  return out
}

/** The literal text parts of an expression: strings, template parts, both sides of `?:`, `||`, `??` and `+`. */
const literalParts = (node: ts.Node, out: string[]): void => {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text)
  else if (ts.isTemplateExpression(node)) {
    out.push(node.head.text)
    for (const span of node.templateSpans) {
      literalParts(span.expression, out)
      out.push(span.literal.text)
    }
  } else if (ts.isConditionalExpression(node)) {
    literalParts(node.whenTrue, out)
    literalParts(node.whenFalse, out)
  } else if (ts.isBinaryExpression(node)) {
    literalParts(node.left, out)
    literalParts(node.right, out)
  } else if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) literalParts(node.expression, out)
}

const propertyName = (name: ts.PropertyName): string | null => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null)

/**
 * The texts a file can put on screen. In core and shared code: the values of the text properties
 * above (an `AppFailure`'s message and fix, a check's message…). In the renderer, also every JSX
 * text and every string inside JSX (attributes, expressions), styled-components CSS excepted.
 */
export const uiTextsOf = (root: string, file: string): UiText[] => {
  const source = readFileSync(join(root, file), 'utf8')
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const renderer = file.startsWith('renderer/')
  const out: UiText[] = []
  const add = (node: ts.Node, texts: string[]): void => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1
    for (const text of texts) if (text.trim()) out.push({ file, line, text })
  }
  const visit = (node: ts.Node, inJsx: boolean): void => {
    if (ts.isTaggedTemplateExpression(node)) return
    // A table of texts (`PROFILE_FIELD_MESSAGES = { name: '…' }`, `STEP_LABEL`): every value is text.
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && TEXT_TABLE.test(node.name.text) && node.initializer) {
      const table = ts.isAsExpression(node.initializer) || ts.isSatisfiesExpression(node.initializer) ? node.initializer.expression : node.initializer
      if (ts.isObjectLiteralExpression(table)) {
        for (const p of table.properties) {
          if (!ts.isPropertyAssignment(p)) continue
          const texts: string[] = []
          literalParts(p.initializer, texts)
          add(p, texts)
        }
      }
    }
    if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name)
      if (name && TEXT_PROPERTIES.has(name)) {
        const texts: string[] = []
        literalParts(node.initializer, texts)
        add(node, texts)
      }
    }
    if (renderer) {
      if (ts.isJsxText(node)) add(node, [node.text])
      else if (inJsx && ts.isCallExpression(node)) {
        // A call's arguments inside JSX are ids and channels (navigate('profiles')), not text.
        visit(node.expression, inJsx)
        return
      } else if (inJsx && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))) {
        const texts: string[] = []
        literalParts(node, texts)
        add(node, texts)
        return
      }
    }
    const jsx = inJsx || ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)
    // A className or data attribute is not text; neither is the key of a list.
    if (ts.isJsxAttribute(node) && /^(data-|key$|className$|id$|aria-(labelledby|describedby|controls)$|name$|type$|htmlFor$|role$|autoComplete$|href$|hue$|size$|tag$|validation$|spellCheck$|accept$)/.test(node.name.getText(sf))) return
    ts.forEachChild(node, (child) => visit(child, jsx))
  }
  visit(sf, false)
  return out
}

/** Backticks, and the shapes of a shell command: programs people would type, flags, pipes, `$(…)`, `&&`. */
export const SHELL = /`|\bsudo\b|\bapt(-get)?\b|\bdnf\b|\bnpm (start|run|install|ci|test)\b|\bchmod\b|dbus-run-session|gnome-keyring-daemon|\baissist-zd\b|\bsh -c\b|\becho -n\b|(^|\s)--[a-z]|\|\s*[a-z]|\$\(|&&/

/** The code word for a customer's stored record: screens say "customer" (a file name or format id may keep it). */
export const PROFILE_WORD = /(?<![-\w.])profiles?(?![-\w]|\.json)/i
