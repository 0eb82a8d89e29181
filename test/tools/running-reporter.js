// A node:test reporter for run-tests.js: one line per test as it starts and ends, so that a
// file that stops moving can be told which test it stopped in. Node's own reporters say
// nothing of a test until it ends.
export default async function* running(source) {
	for await (const event of source) {
		const {name, line, nesting} = event.data ?? {};
		if (event.type === 'test:dequeue') {
			yield `${JSON.stringify({event: 'start', name, line, nesting})}\n`;
		} else if (event.type === 'test:pass' || event.type === 'test:fail') {
			yield `${JSON.stringify({event: 'end', name, line, nesting})}\n`;
		}
	}
}
