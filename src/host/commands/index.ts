import * as vscode from 'vscode';
import { createAddDocsCommand } from './addDocs';
import { createAddSelectionToChatCommand, createAddToChatCommand } from './addToChat';
import { createAskCommand } from './ask';
import { createAskAboutSelectionCommand } from './askAboutSelection';
import { createAskOpusCommand } from './askOpus';
import { createBatchCommand } from './batch';
import { createBatchCancelCommand, createBatchOpenReportCommand, createBatchRefreshCommand, createBatchRemoveCommand } from './batchJobs';
import { createBatchRunAgainCommand } from './batchRunAgain';
import { createChooseModelsCommand } from './chooseModels';
import { createClearApiKeyCommand } from './clearApiKey';
import type { CommandDeps } from './deps';
import { createExplainProblemCommand } from './explainProblem';
import { createExplainSelectionCommand } from './explainSelection';
import { createExportConversationCommand } from './exportConversation';
import { createExportUsageCommand } from './exportUsage';
import { createFixProblemCommand } from './fixProblem';
import { createFixSelectionCommand } from './fixSelection';
import { createFocusChatCommand } from './focusChat';
import { CommandId, type CommandIdValue } from './ids';
import { createNewChatCommand } from './newChat';
import { createOpenChatCommand } from './openChat';
import { createRunCustomActionCommand } from './runCustomAction';
import { createSetApiKeyCommand } from './setApiKey';
import { createShowLogsCommand } from './showLogs';
import { createShowUsageCommand } from './showUsage';
import { createStopAnswerCommand } from './stopAnswer';
import { createSummarizeFileCommand } from './summarizeFile';
import { createSwitchConversationCommand } from './switchConversation';
import { createWriteCommitMessageCommand } from './writeCommitMessage';
import { createWriteTestsCommand } from './writeTests';

/**
 * Registers every command. Each handler is wrapped so an unexpected failure is logged once and shown with a
 * Show Logs action, never swallowed.
 */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
	const handlers: Record<CommandIdValue, (...args: never[]) => Promise<void>> = {
		[CommandId.explainSelection]: createExplainSelectionCommand(deps),
		[CommandId.summarizeFile]: createSummarizeFileCommand(deps),
		[CommandId.fixSelection]: createFixSelectionCommand(deps),
		[CommandId.writeTests]: createWriteTestsCommand(deps),
		[CommandId.addDocs]: createAddDocsCommand(deps),
		[CommandId.askOpus]: createAskOpusCommand(deps),
		[CommandId.askAboutSelection]: createAskAboutSelectionCommand(deps),
		[CommandId.runCustomAction]: createRunCustomActionCommand(deps),
		[CommandId.ask]: createAskCommand(deps),
		[CommandId.stopAnswer]: createStopAnswerCommand(deps),
		[CommandId.chooseModels]: createChooseModelsCommand(deps),
		[CommandId.setApiKey]: createSetApiKeyCommand(deps),
		[CommandId.clearApiKey]: createClearApiKeyCommand(deps),
		[CommandId.newChat]: createNewChatCommand(deps),
		[CommandId.switchConversation]: createSwitchConversationCommand(deps),
		[CommandId.exportConversation]: createExportConversationCommand(deps),
		[CommandId.openChat]: createOpenChatCommand(deps),
		[CommandId.focusChat]: createFocusChatCommand(deps),
		[CommandId.showUsage]: createShowUsageCommand(deps),
		[CommandId.showLogs]: createShowLogsCommand(deps),
		[CommandId.exportUsage]: createExportUsageCommand(deps),
		[CommandId.batch]: createBatchCommand(deps),
		[CommandId.batchRefresh]: createBatchRefreshCommand(deps),
		[CommandId.batchCancel]: createBatchCancelCommand(deps),
		[CommandId.batchOpenReport]: createBatchOpenReportCommand(deps),
		[CommandId.batchRunAgain]: createBatchRunAgainCommand(deps),
		[CommandId.batchRemove]: createBatchRemoveCommand(deps),
		[CommandId.addToChat]: createAddToChatCommand(deps),
		[CommandId.addSelectionToChat]: createAddSelectionToChatCommand(deps),
		[CommandId.writeCommitMessage]: createWriteCommitMessageCommand(deps),
		[CommandId.explainProblem]: createExplainProblemCommand(deps),
		[CommandId.fixProblem]: createFixProblemCommand(deps),
	};
	return Object.entries(handlers).map(([id, handler]) =>
		vscode.commands.registerCommand(id, async (...args: unknown[]) => {
			try {
				await (handler as (...a: unknown[]) => Promise<void>)(...args);
			} catch (err) {
				deps.logger.error(id, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
				const choice = await vscode.window.showErrorMessage(`Claude: ${id.split('.')[1]} failed. See the log for details.`, 'Show Logs');
				if (choice) {
					deps.logger.show();
				}
			}
		}),
	);
}
