import * as assert from 'node:assert/strict';
import { FileIndex, IgnoreRules } from '../../../../src/core/context/fileIndex';

describe('FileIndex: fuzzy @-file completion', () => {
	const index = new FileIndex([
		'src/app.ts', 'src/host/chat/chatViewProvider.ts', 'src/core/context/attachment.ts', 'test/unit/app.test.ts',
		'app/src/main.ts', 'README.md', 'docs/architecture.md',
	]);

	it('matches letters in order, best first: the file name beats a folder of the same name', () => {
		assert.deepEqual(index.search('app', 3), ['src/app.ts', 'test/unit/app.test.ts', 'app/src/main.ts']);
		assert.equal(index.search('cvp')[0], 'src/host/chat/chatViewProvider.ts');
		assert.equal(index.search('attach')[0], 'src/core/context/attachment.ts');
	});

	it('finds nothing for letters not in any path, and nothing for an empty query', () => {
		assert.deepEqual(index.search('zzqx'), []);
		assert.deepEqual(index.search('  '), []);
	});

	it('keeps up with files created and deleted (a deleted folder takes its files)', () => {
		const live = new FileIndex(['a/x.ts', 'a/y.ts', 'b/z.ts']);
		live.add('b/new.ts');
		assert.deepEqual(live.search('new'), ['b/new.ts']);
		live.remove('a');
		assert.equal(live.size, 2);
		assert.deepEqual(live.search('x.ts'), []);
	});
});

describe('IgnoreRules: .gitignore files, as git reads them', () => {
	const rules = new IgnoreRules([
		{ dir: '', text: 'node_modules/\n/dist\n*.log\n!keep.log\n' },
		{ dir: 'packages/web', text: 'generated/\n' },
	]);

	it('applies each .gitignore below its own folder, negations included; .git is always out', () => {
		assert.equal(rules.ignores('node_modules/x/index.js'), true);
		assert.equal(rules.ignores('packages/a/node_modules/y.js'), true);
		assert.equal(rules.ignores('dist/extension.js'), true);
		assert.equal(rules.ignores('src/dist/file.ts'), false, '/dist is anchored to the root');
		assert.equal(rules.ignores('debug.log'), true);
		assert.equal(rules.ignores('keep.log'), false);
		assert.equal(rules.ignores('packages/web/generated/a.ts'), true);
		assert.equal(rules.ignores('packages/api/generated/a.ts'), false);
		assert.equal(rules.ignores('.git/config'), true);
		assert.equal(rules.ignores('src/app.ts'), false);
	});

	it('turns the root file\'s plain folder names into search excludes, and none when it has a negation', () => {
		assert.deepEqual(IgnoreRules.folderExcludes('# deps\nnode_modules/\n/dist\n*.log\nout\n'), ['**/node_modules/**', 'dist/**', '**/out/**']);
		assert.deepEqual(IgnoreRules.folderExcludes('node_modules/\n!node_modules/keep/\n'), []);
	});
});
