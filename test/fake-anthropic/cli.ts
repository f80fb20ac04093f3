import { FakeAnthropicServer } from './server';

/**
 * Standalone fake for manual runs, e2e tests and demos:
 * `node out/test/fake-anthropic/cli.js [--port N] [--demo] [--key K]...`.
 * Prints exactly one `FAKE_ANTHROPIC_URL=…` line on stdout (scripts wait for it) and logs requests on stderr.
 */
export async function main(argv: readonly string[]): Promise<FakeAnthropicServer> {
	let port = 0;
	let demo = false;
	const keys: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--port') {
			port = Number(argv[++i]);
		} else if (arg === '--demo') {
			demo = true;
		} else if (arg === '--key') {
			keys.push(String(argv[++i]));
		} else {
			throw new Error(`unknown argument: ${arg} (usage: [--port N] [--demo] [--key K]...)`);
		}
	}
	const server = await FakeAnthropicServer.start({
		port,
		demo,
		apiKeys: keys.length > 0 ? keys : undefined,
		onRequest: (r, status) => process.stderr.write(`[fake-anthropic] ${r.method} ${r.path} -> ${status} ${r.requestId}\n`),
	});
	process.stdout.write(`FAKE_ANTHROPIC_URL=${server.url}\n`);
	const stop = (): void => {
		void server.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	return server;
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((err: unknown) => {
		process.stderr.write(`[fake-anthropic] ${String(err)}\n`);
		process.exit(1);
	});
}
