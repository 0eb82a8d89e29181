/** One line from a stream (a pasted URL), or undefined at end of input or after timeoutMs. */
export async function readLine(stream: NodeJS.ReadableStream, timeoutMs: number): Promise<string | undefined> {
	return new Promise(resolve => {
		let buffer = '';
		const finish = (value: string | undefined) => {
			clearTimeout(timer);
			stream.off('data', onData);
			stream.off('end', onEnd);
			stream.pause();
			// A paused pipe still holds the event loop open; this CLI reads stdin only once.
			(stream as {unref?: () => void}).unref?.();
			resolve(value);
		};

		const onData = (chunk: Buffer | string) => {
			buffer += chunk.toString();
			const newline = buffer.search(/\r?\n/);
			if (newline !== -1) {
				finish(buffer.slice(0, newline));
			}
		};

		const onEnd = () => finish(buffer.trim() === '' ? undefined : buffer);
		const timer = setTimeout(() => finish(undefined), timeoutMs);
		timer.unref();
		stream.on('data', onData);
		stream.on('end', onEnd);
		stream.resume();
	});
}
