/**
 * Every value a message echoes (a key, a bucket, a version id, a server's text) goes through the
 * one function that cuts and escapes, `shown()`: a key may be 1,024 bytes with CR/LF in it, and a
 * message reaches logs and headers. Checked over the source: the TypeScript checker walks every
 * piece of prose in lib/ (a template literal, or a concatenation with a string literal, with a
 * space in its text) and follows each value it interpolates to where it comes from. A value is
 * safe when it is `shown(...)` or typed `Shown` (what shown() returns), a number, a boolean or a
 * string literal type; prose itself; a local constant or a lib/ function whose value is safe; or a
 * parameter every caller passes something safe to. Anything else fails the test, naming the file,
 * the line and the expression, unless TRUSTED below says why that value can hold no user's or
 * server's text.
 */
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../dev/project-root.js';

/** `file: expression` → why it is safe without shown(). */
const TRUSTED: Record<string, string> = {
  'lib/errors/failure.ts: escape(value.slice(0, length))': 'shown() itself',
  "lib/index.ts: OPERATION_NAMES.join(', ')": "the plugin's own operation names",
  'lib/errors/translate.ts: described': 'a describe function of S3_MESSAGES or NETWORK_MESSAGES, each checked here',
  'lib/connection/response-checks.ts: command': "the SDK's name of the command (context.commandName)",
  'lib/connection/request-deadline.ts: settings.credentialSource': 'credentialSourceOf(), checked here',
  'lib/validation.ts: field': "an option's name: from the specs or the code, never from a query",
  'lib/operations/shared/option-values.ts: field': "an option's name: from the specs, never from a query",
  "lib/validation.ts: allowed.join(', ')": "a choice option's values, from the specs",
  "lib/connection/endpoint.ts: scheme ?? ''":
    'the scheme of the endpoint inside withoutUserInfo(), whose result is shown()',
  'lib/connection/fields.ts: field.key': "a connection field's name, in an error for the plugin's own developers",
  'lib/connection/test-connection.ts: before':
    "test connection's own message (checkConnection), or a QueryError's, itself checked here",
  'lib/bodies/content-type.ts: byExtension': 'a media type from the mime table: a Content-Type value, not a message',
  'lib/bodies/properties.ts: JSON.stringify(value[bad])': 'one character, JSON-escaped',
  'lib/bodies/properties.ts: fallback': 'a Content-Disposition header value (ASCII, quotes replaced), not a message',
  'lib/bodies/properties.ts: encoded': 'a Content-Disposition header value (percent-encoded), not a message',
  'lib/operations/shared/batch-presign.ts: template.path':
    'the path the SDK signs for a fixed template key: an internal error, never a user’s text',
  'lib/validation.ts: limits.noun': "a list option's noun ('keys', 'parts'), from its constant ListLimits",
  "lib/operations/multipart/completion-body.ts: entries.join('')":
    'the XML request body, its ETags XML-escaped: not a message',
  'lib/operations/shared/failure-report.ts: stopped.code': 'a code from translateFailure',
  'lib/operations/shared/failure-report.ts: stopped.message': 'a message from translateFailure, itself checked here',
  'lib/operations/shared/failure-report.ts: message': 'a message from translateFailure, itself checked here',
};

/** Files of option specs and their generated help texts: code constants only, never a user's or server's value. */
const NOT_MESSAGES = /^lib\/operations\/(\w+\/options|shared\/common-options|shared\/option-spec)\.ts$/;

/** Functions that write a number or a date as text. */
const NUMBER_TEXT = new Set(['count', 'formatBytes', 'toFixed', 'toISOString', 'toLocaleString']);
/** String methods whose result holds nothing but the text they are called on. */
const SAME_TEXT = new Set(['charAt', 'toUpperCase', 'toLowerCase', 'slice', 'trim']);

const root = projectRoot();
const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, 'tsconfig.build.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  },
) as ts.ParsedCommandLine;
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const libFiles = program
  .getSourceFiles()
  .filter((file) => !file.isDeclarationFile && file.fileName.startsWith(path.join(root, 'lib') + path.sep));
const relative = (node: ts.Node) => path.relative(root, node.getSourceFile().fileName).split(path.sep).join('/');

function eachNode(visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node) => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  libFiles.forEach(walk);
}

const calls: ts.CallExpression[] = [];
eachNode((node) => {
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) calls.push(node as ts.CallExpression);
});

const resolved = (symbol: ts.Symbol | undefined) =>
  symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

function safeType(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(safeType);
  if (type.isIntersection()) return type.types.some((part) => part.getProperty('__shown') !== undefined);
  const plain =
    ts.TypeFlags.NumberLike |
    ts.TypeFlags.BooleanLike |
    ts.TypeFlags.BigIntLike |
    ts.TypeFlags.StringLiteral |
    ts.TypeFlags.Undefined |
    ts.TypeFlags.Null |
    ts.TypeFlags.Never;
  return (type.flags & plain) !== 0;
}

/** Whether a value can be echoed as it is; `seen` breaks cycles (a cycle adds nothing unsafe). */
function isSafe(node: ts.Expression, seen: Set<ts.Node>): boolean {
  if (seen.has(node)) return true;
  seen.add(node);
  if (TRUSTED[`${relative(node)}: ${node.getText()}`]) return true;
  if (safeType(checker.getTypeAtLocation(node))) return true;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node))
    return isSafe(node.expression, seen);
  if (ts.isStringLiteralLike(node)) return true;
  // Prose is checked where it is written; other templates (a path, a quoted ETag) by what they hold.
  if (ts.isTemplateExpression(node)) return node.templateSpans.every((span) => isSafe(span.expression, seen));
  if (ts.isConditionalExpression(node)) return isSafe(node.whenTrue, seen) && isSafe(node.whenFalse, seen);
  if (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.PlusToken].includes(
      node.operatorToken.kind,
    )
  )
    return isSafe(node.left, seen) && isSafe(node.right, seen);
  if (ts.isAwaitExpression(node)) return isSafe(node.expression, seen);
  // An entry of a constant table (a unit, a hint) is as safe as the table's values.
  if (ts.isElementAccessExpression(node)) return constantTable(node.expression, seen);
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText();
    if (name === 'shown' || NUMBER_TEXT.has(name)) return true;
    if (ts.isPropertyAccessExpression(callee) && SAME_TEXT.has(name)) return isSafe(callee.expression, seen);
    // A list of values of a safe type: the plugin's own names.
    if (ts.isPropertyAccessExpression(callee) && name === 'join') {
      const elements = checker.getIndexTypeOfType(checker.getTypeAtLocation(callee.expression), ts.IndexKind.Number);
      if (elements && safeType(elements)) return true;
    }
    const declaration = resolved(checker.getSymbolAtLocation(callee))?.valueDeclaration;
    if (declaration && declaration.getSourceFile() && libFiles.includes(declaration.getSourceFile()))
      return returnsSafe(declaration, seen);
    return false;
  }
  if (ts.isIdentifier(node)) {
    const declaration = resolved(checker.getSymbolAtLocation(node))?.valueDeclaration;
    if (!declaration || !libFiles.includes(declaration.getSourceFile())) return false;
    if (ts.isParameter(declaration)) return everyCallerPassesSafe(declaration, seen);
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const list = declaration.parent;
      const constant = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
      if (!constant) return false;
      if (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer)) return false;
      return isSafe(declaration.initializer, seen);
    }
    return false;
  }
  return false;
}

/** A constant object or array literal in lib/ whose every value is safe. */
function constantTable(table: ts.Expression, seen: Set<ts.Node>): boolean {
  const declaration = ts.isIdentifier(table)
    ? resolved(checker.getSymbolAtLocation(table))?.valueDeclaration
    : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  let literal: ts.Expression = declaration.initializer;
  while (ts.isAsExpression(literal) || ts.isSatisfiesExpression(literal)) literal = literal.expression;
  if (ts.isArrayLiteralExpression(literal)) return literal.elements.every((element) => isSafe(element, seen));
  if (ts.isObjectLiteralExpression(literal))
    return literal.properties.every(
      (property) => ts.isPropertyAssignment(property) && isSafe(property.initializer, seen),
    );
  return false;
}

/** A lib/ function whose every returned value is safe. */
function returnsSafe(declaration: ts.Declaration, seen: Set<ts.Node>): boolean {
  let fn: ts.Node = declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) fn = declaration.initializer;
  if (!ts.isFunctionLike(fn)) return false;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  if (!ts.isBlock(body)) return isSafe(body, seen);
  const returned: ts.Expression[] = [];
  const walk = (node: ts.Node) => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(body, walk);
  return returned.every((value) => isSafe(value, seen));
}

/** A parameter is as safe as what every call in lib/ passes to it (its default included). */
function everyCallerPassesSafe(parameter: ts.ParameterDeclaration, seen: Set<ts.Node>): boolean {
  const fn = parameter.parent;
  if (!ts.isFunctionLike(fn)) return false;
  const index = fn.parameters.indexOf(parameter);
  const owner = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? fn.parent : fn;
  const symbol =
    ts.isVariableDeclaration(owner) ||
    ts.isFunctionDeclaration(owner) ||
    ts.isMethodDeclaration(owner) ||
    ts.isConstructorDeclaration(owner)
      ? owner.name && checker.getSymbolAtLocation(owner.name)
      : undefined;
  const target = ts.isConstructorDeclaration(owner)
    ? checker.getSymbolAtLocation((owner.parent as ts.ClassDeclaration).name!)
    : symbol;
  if (!target) return false;
  const callers = calls.filter((call) => resolved(checker.getSymbolAtLocation(call.expression)) === target);
  if (callers.length === 0) return false;
  if (parameter.initializer && !isSafe(parameter.initializer, seen)) return false;
  return callers.every((call) => {
    const argument = call.arguments?.[index];
    return argument === undefined || isSafe(argument, seen);
  });
}

/** Every interpolated value of every piece of prose in lib/, with where it is. */
function echoes(): Array<{ where: string; expression: ts.Expression }> {
  const found: Array<{ where: string; expression: ts.Expression }> = [];
  const at = (node: ts.Node) =>
    `${relative(node)}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  eachNode((node) => {
    if (NOT_MESSAGES.test(relative(node))) return;
    if (ts.isTemplateExpression(node)) {
      const text = node.head.text + node.templateSpans.map((span) => span.literal.text).join('');
      if (text.includes(' '))
        for (const span of node.templateSpans) found.push({ where: at(span.expression), expression: span.expression });
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const sides = [node.left, node.right];
      if (sides.some((side) => ts.isStringLiteralLike(side) && side.text.includes(' ')))
        for (const side of sides)
          if (!ts.isStringLiteralLike(side) && !ts.isTemplateExpression(side) && !ts.isBinaryExpression(side))
            found.push({ where: at(side), expression: side });
    }
  });
  return found;
}

it('finds the prose it checks: the source is read and its echoes are followed', () => {
  const all = echoes();
  expect(all.length).toBeGreaterThan(200);
  expect(all.some(({ expression }) => expression.getText() === 'shown(bucket)')).toBe(true);
});

it('every value a message echoes is shown() or can hold no user or server text', () => {
  const unsafe = echoes()
    .filter(({ expression }) => !isSafe(expression, new Set()))
    .map(({ where, expression }) => `${where}: ${expression.getText()}`);
  expect(unsafe).toEqual([]);
});

it('every TRUSTED entry still names an echo in lib/ (a stale one would hide a new value)', () => {
  const present = new Set(echoes().map(({ expression }) => `${relative(expression)}: ${expression.getText()}`));
  expect(Object.keys(TRUSTED).filter((entry) => !present.has(entry))).toEqual([]);
});
