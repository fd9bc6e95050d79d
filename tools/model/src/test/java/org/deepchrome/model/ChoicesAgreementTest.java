package org.deepchrome.model;

import org.deepchrome.core.cli.Choices;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.TreeSet;

import static org.deepchrome.core.testing.ChoiceFiles.galaxySelect;
import static org.deepchrome.core.testing.ChoiceFiles.galaxyTool;
import static org.deepchrome.core.testing.ChoiceFiles.schema;
import static org.deepchrome.core.testing.ChoiceFiles.schemaChoices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Galaxy's train wrapper and the pipeline schema offer exactly the values deepchrome-train accepts. */
class ChoicesAgreementTest {
    private static final Path TRAIN_XML = galaxyTool("train");

    // Old names (--model, models) accepted while the wrapper and schema renames land on other branches.
    @Test
    void modelKinds() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Choices.ids(ModelKind.class));
        assertEquals(expected, galaxySelect(TRAIN_XML, "--model-type", "--model"));
        assertEquals(expected, schemaChoices(schema(), "model_types", "models"));
    }

    @Test
    void optimizers() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Choices.ids(Optimizer.class));
        assertEquals(expected, galaxySelect(TRAIN_XML, "--optimizer"));
        assertEquals(expected, schemaChoices(schema(), "optimizer"));
    }

    @Test
    void transforms() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Choices.ids(InputTransform.class));
        assertEquals(expected, galaxySelect(TRAIN_XML, "--transform"));
        assertEquals(expected, schemaChoices(schema(), "transform"));
    }
}
