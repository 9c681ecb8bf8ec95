package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Writes cost rows as CSV (RFC 4180): a header line, then one line per row. Text that a
 * spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage
 * return) is prefixed with an apostrophe.
 */
@Component
class CsvExport {

	static final String HEADER = "created_at,task_id,agent_name,user_id,project_id,workflow_id,model_provider,"
			+ "model_name,input_tokens,output_tokens,total_tokens,input_cost_usd,output_cost_usd,total_cost_usd,"
			+ "latency_ms,status";

	String write(List<CostReports.ExportRow> rows) {
		StringBuilder csv = new StringBuilder(HEADER.length() + 2 + rows.size() * 160).append(HEADER).append("\r\n");
		for (CostReports.ExportRow row : rows) {
			csv.append(row.createdAt()).append(',');
			text(csv, row.taskId());
			text(csv, row.agentName());
			text(csv, row.userId());
			text(csv, row.projectId());
			text(csv, row.workflowId());
			text(csv, row.provider());
			text(csv, row.model());
			csv.append(row.inputTokens()).append(',').append(row.outputTokens()).append(',').append(row.totalTokens());
			csv.append(',').append(money(row.inputCost())).append(',').append(money(row.outputCost()));
			csv.append(',').append(money(row.totalCost())).append(',');
			csv.append((row.latencyMs() != null) ? row.latencyMs().toString() : "").append(',');
			csv.append(quote((row.status() != null) ? row.status() : "")).append("\r\n");
		}
		return csv.toString();
	}

	private static void text(StringBuilder csv, @Nullable String value) {
		csv.append((value != null) ? quote(value) : "").append(',');
	}

	private static String money(@Nullable BigDecimal value) {
		return (value != null) ? value.toPlainString() : "";
	}

	static String quote(String value) {
		String safe = value;
		if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
			safe = "'" + safe;
		}
		if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0
				|| !safe.equals(value)) {
			return '"' + safe.replace("\"", "\"\"") + '"';
		}
		return safe;
	}

}
