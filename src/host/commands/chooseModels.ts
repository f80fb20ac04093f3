import * as vscode from 'vscode';
import { CONFIG_SECTION, modelFor } from '../../core/settings/configSchema';
import { modelItems, modelWithPrice, roleItems, settingKeyFor, settingWrites } from '../../core/models/modelChoices';
import type { CommandDeps } from './deps';

/**
 * Choose Models: pick a command (role), then its model from the priced models, each shown with its $/MTok. The choice
 * is written to user settings; a workspace value that still overrides it is reported rather than silently winning.
 */
export function createChooseModelsCommand(deps: CommandDeps): () => Promise<void> {
	return async () => {
		const config = deps.getConfig();
		const role = await vscode.window.showQuickPick(roleItems(config), {
			title: 'Claude: Choose Models',
			placeHolder: 'Which command\'s model to change (current model and price per million tokens, input / output)',
		});
		if (!role) {
			return;
		}
		const choice = await vscode.window.showQuickPick(modelItems(role.role, config), {
			title: `Claude: Model for ${role.label}`,
			placeHolder: `Saved as ${settingKeyFor(role.role)} in user settings`,
		});
		if (!choice || choice.current) {
			return;
		}
		const settings = vscode.workspace.getConfiguration(CONFIG_SECTION);
		for (const write of settingWrites(role.role, choice.model, settings.inspect('commandModels')?.globalValue)) {
			await settings.update(write.key, write.value, vscode.ConfigurationTarget.Global);
		}
		const effective = modelFor(deps.getConfig(), role.role);
		deps.logger.info('chooseModels', `${settingKeyFor(role.role)} = ${choice.model}`);
		void vscode.window.showInformationMessage(effective === choice.model
			? `${role.label} now uses ${modelWithPrice(choice.model)}.`
			: `Saved ${settingKeyFor(role.role)} = ${choice.model} in user settings, but a workspace setting keeps ${role.label} on ${effective}.`);
	};
}
