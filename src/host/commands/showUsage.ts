import * as vscode from 'vscode';
import type { ModelTotals, UsageRecord } from '../../core/usage';
import { costLabel, formatTokens } from '../../core/usageFormat';
import type { CommandDeps } from './deps';

function modelItem(m: ModelTotals | UsageRecord): vscode.QuickPickItem {
	const u = m.usage;
	return {
		label: `${m.model}: ${costLabel(m)}`,
		detail: `${formatTokens(u.input)} input · ${formatTokens(u.output)} output · ${formatTokens(u.cacheWrite5m + u.cacheWrite1h)} cache write · ${formatTokens(u.cacheRead)} cache read${'requests' in m ? ` · ${m.requests} request(s)` : ''}`,
	};
}

/** Show Usage: a quick pick with last request, session and today, per model. */
export function createShowUsageCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		const { ledger } = deps.usage;
		const items: vscode.QuickPickItem[] = [{ label: 'Last request', kind: vscode.QuickPickItemKind.Separator }];
		items.push(ledger.last ? modelItem(ledger.last) : { label: 'No requests yet' });
		for (const [label, totals] of [['Session', ledger.session], ['Today', ledger.today]] as const) {
			items.push({ label, kind: vscode.QuickPickItemKind.Separator });
			items.push(...(totals.requests === 0 ? [{ label: 'No requests yet' }] : totals.byModel.map(modelItem)));
		}
		await vscode.window.showQuickPick(items, { title: 'Claude usage', placeHolder: 'Token usage and cost' });
	};
}
