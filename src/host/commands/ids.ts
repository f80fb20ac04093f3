/**
 * Every command id, declared once. A unit test checks these against package.json (contributes.commands, menus,
 * keybindings) and an integration test checks they are all registered.
 */
export const CommandId = {
	/** {@link createExplainSelectionCommand} */
	explainSelection: 'claudeAssistant.explainSelection',
	/** {@link createSummarizeFileCommand} */
	summarizeFile: 'claudeAssistant.summarizeFile',
	/** {@link createFixSelectionCommand} */
	fixSelection: 'claudeAssistant.fixSelection',
	/** {@link createWriteTestsCommand} */
	writeTests: 'claudeAssistant.writeTests',
	/** {@link createAddDocsCommand} */
	addDocs: 'claudeAssistant.addDocs',
	/** {@link createAskOpusCommand} */
	askOpus: 'claudeAssistant.askOpus',
	/** {@link createAskAboutSelectionCommand} */
	askAboutSelection: 'claudeAssistant.askAboutSelection',
	/** {@link createRunCustomActionCommand} */
	runCustomAction: 'claudeAssistant.runCustomAction',
	/** {@link createAskCommand} */
	ask: 'claudeAssistant.ask',
	/** {@link createStopAnswerCommand} */
	stopAnswer: 'claudeAssistant.stopAnswer',
	/** {@link createChooseModelsCommand} */
	chooseModels: 'claudeAssistant.chooseModels',
	/** {@link createSetApiKeyCommand} */
	setApiKey: 'claudeAssistant.setApiKey',
	/** {@link createClearApiKeyCommand} */
	clearApiKey: 'claudeAssistant.clearApiKey',
	/** {@link createNewChatCommand} */
	newChat: 'claudeAssistant.newChat',
	/** {@link createSwitchConversationCommand} */
	switchConversation: 'claudeAssistant.switchConversation',
	/** {@link createExportConversationCommand} */
	exportConversation: 'claudeAssistant.exportConversation',
	/** {@link createOpenChatCommand} */
	openChat: 'claudeAssistant.openChat',
	/** {@link createFocusChatCommand} */
	focusChat: 'claudeAssistant.focusChat',
	/** {@link createShowUsageCommand} */
	showUsage: 'claudeAssistant.showUsage',
	/** {@link createShowLogsCommand} */
	showLogs: 'claudeAssistant.showLogs',
	/** {@link createExportUsageCommand} */
	exportUsage: 'claudeAssistant.exportUsage',
	/** {@link createBatchCommand} */
	batch: 'claudeAssistant.batch',
	/** {@link createBatchRefreshCommand} */
	batchRefresh: 'claudeAssistant.batchRefresh',
	/** {@link createBatchCancelCommand} */
	batchCancel: 'claudeAssistant.batchCancel',
	/** {@link createBatchOpenReportCommand} */
	batchOpenReport: 'claudeAssistant.batchOpenReport',
	/** {@link createBatchRunAgainCommand} */
	batchRunAgain: 'claudeAssistant.batchRunAgain',
	/** {@link createBatchRemoveCommand} */
	batchRemove: 'claudeAssistant.batchRemove',
	/** {@link createWriteCommitMessageCommand} */
	writeCommitMessage: 'claudeAssistant.writeCommitMessage',
	/** {@link createExplainProblemCommand} */
	explainProblem: 'claudeAssistant.explainProblem',
	/** {@link createFixProblemCommand} */
	fixProblem: 'claudeAssistant.fixProblem',
	/** {@link createAddToChatCommand} */
	addToChat: 'claudeAssistant.addToChat',
	/** {@link createAddSelectionToChatCommand} */
	addSelectionToChat: 'claudeAssistant.addSelectionToChat',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];
