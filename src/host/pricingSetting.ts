import * as vscode from 'vscode';
import type { Logger } from '../core/log/logger';
import { parsePriceOverrides } from '../core/pricing/priceOverrides';
import { listPrice, setPriceOverrides } from '../core/pricing/pricing';
import { getConfig, onDidChangeConfig } from './config';

/**
 * Keeps the price table in step with `claudeAssistant.pricing`: applied at activation and on every change. Invalid
 * entries are logged and shown once per change, and the list price stays in force for them.
 */
export function applyPricingSetting(logger: Logger): vscode.Disposable {
	const apply = (announce: boolean) => {
		const { prices, errors } = parsePriceOverrides(getConfig().pricing, listPrice);
		setPriceOverrides(prices);
		const models = Object.keys(prices);
		if (models.length > 0) {
			logger.info('pricing', `price overrides in force for: ${models.join(', ')}`);
		}
		if (errors.length > 0) {
			logger.warn('pricing', `ignored price overrides: ${errors.join('; ')}`);
			if (announce) {
				void vscode.window.showWarningMessage(`claudeAssistant.pricing: ignored ${errors.join('; ')}`);
			}
		}
	};
	apply(false);
	return onDidChangeConfig(() => apply(true));
}
