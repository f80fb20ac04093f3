/**
 * Shapes a code block's text for where it goes in a document. A rendered block always ends with a newline; that
 * newline belongs in the document only when the code replaces whole lines (the target ends at a line break), otherwise
 * it would leave a stray empty line after the inserted code. Line breaks follow the document's (CRLF or LF).
 */
export function fitCode(code: string, opts: { endsAtLineBreak: boolean; eol: '\n' | '\r\n' }): string {
	let text = code.replace(/\r\n/g, '\n');
	if (opts.endsAtLineBreak) {
		text = text.endsWith('\n') ? text : `${text}\n`;
	} else if (text.endsWith('\n')) {
		text = text.slice(0, -1);
	}
	return opts.eol === '\r\n' ? text.replace(/\n/g, '\r\n') : text;
}
