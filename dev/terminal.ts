/**
 * The dev tools' terminal (`npm start`, `npm run demo`): their own lines only. The AWS SDK's Node
 * version notice and the app builder's QueryError, which logs every error's description (as the
 * app builder's does), stay out.
 */
export function quietTerminal(): (line: string) => void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  console.log = () => undefined;
  return (line) => void process.stdout.write(`${line}\n`);
}
