package org.deepchrome.binsignals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.deepchrome.core.matrix.ExpressionTable;
import org.deepchrome.core.testing.FuzzInput;
import org.junit.jupiter.api.Timeout;

/** Fuzz target for the expression table (tab or comma separated, value column found or named). */
class ExpressionTableFuzzTest {
    @FuzzTest(maxDuration = "30s")
    @Timeout(10)
    void expressionTable(byte[] data) {
        FuzzInput.parsesOrRefuses(data, "expression.tsv", file -> ExpressionTable.read(file, null));
        FuzzInput.parsesOrRefuses(data, "expression.tsv", file -> ExpressionTable.read(file, "expression"));
    }
}
