import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { JsonFileStore } from '../../src/host/jsonFileStore';
import { getApi } from './helpers';

/** The extension's own files: what a reload in the middle of a write leaves must still read back. */
describe('JsonFileStore (extension storage files)', function () {
	let dir: vscode.Uri;
	const exists = async (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);

	before(async () => {
		dir = vscode.Uri.joinPath((await getApi()).storage, `store-test-${Date.now()}`);
	});
	after(async () => {
		await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false }).then(undefined, () => undefined);
	});

	it('writes in order and leaves no temp file behind', async () => {
		const store = new JsonFileStore(vscode.Uri.joinPath(dir, 'a.json'));
		await Promise.all([1, 2, 3].map((n) => store.write({ n })));
		assert.deepEqual(await store.read(), { n: 3 });
		assert.equal(await exists(vscode.Uri.joinPath(dir, 'a.json.tmp')), false);
	});

	it('reads a temp file whose rename never happened (the host stopped mid-write)', async () => {
		const uri = vscode.Uri.joinPath(dir, 'b.json');
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'b.json.tmp'), new TextEncoder().encode('{"turns":[1,2,3]}'));
		assert.deepEqual(await new JsonFileStore(uri).read(), { turns: [1, 2, 3] });
	});

	it('delete removes the file and any temp file, so nothing comes back', async () => {
		const uri = vscode.Uri.joinPath(dir, 'c.json');
		const store = new JsonFileStore(uri);
		await store.write({ x: 1 });
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'c.json.tmp'), new TextEncoder().encode('{"x":2}'));
		await store.delete();
		assert.equal(await store.read(), undefined);
	});
});
