import type * as vscode from 'vscode';

/** A bag of disposables cleared together: for per-scope listeners (per webview resolve, per request). */
export class DisposableStore implements vscode.Disposable {
	private readonly items = new Set<vscode.Disposable>();
	private disposed = false;

	add<T extends vscode.Disposable>(d: T): T {
		if (this.disposed) {
			d.dispose();
		} else {
			this.items.add(d);
		}
		return d;
	}

	/** Disposes everything added so far but stays usable. */
	clear(): void {
		const items = [...this.items];
		this.items.clear();
		for (const d of items) {
			d.dispose();
		}
	}

	dispose(): void {
		this.clear();
		this.disposed = true;
	}
}

/** Base class for long-lived objects: `_register` ties a child's lifetime to this one. */
export abstract class Disposable implements vscode.Disposable {
	private readonly store = new DisposableStore();

	protected _register<T extends vscode.Disposable>(d: T): T {
		if ((d as unknown) === this) {
			throw new Error('Cannot register a disposable on itself');
		}
		return this.store.add(d);
	}

	dispose(): void {
		this.store.dispose();
	}
}
