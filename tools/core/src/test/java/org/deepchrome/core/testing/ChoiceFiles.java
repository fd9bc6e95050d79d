package org.deepchrome.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values the Galaxy wrappers and the pipeline schema offer for an enum-valued option, so
 * the tools' tests can check them against the Java enums. Shapes read: a Galaxy
 * {@code <param type="select" argument="--OPTION">} (option values; a value "png,svg" counts as
 * png and svg), and a schema property with an {@code enum} or a comma-list {@code pattern}
 * {@code ^(a|b)(,(a|b))*$}. Each lookup takes several names, newest first, so a test stays
 * green while the files are renamed on other branches.
 */
public final class ChoiceFiles {
    /** The suite's root, seen from a tool module (Maven runs tests in tools/&lt;module&gt;). */
    public static final Path ROOT = Path.of("../..");
    private static final Pattern COMMA_LIST = Pattern.compile("\\^\\(([^()]+)\\)\\(,\\(\\1\\)\\)\\*\\$");

    private ChoiceFiles() {
    }

    public static Path galaxyTool(String tool) {
        return ROOT.resolve("galaxy/deepchrome_" + tool + ".xml");
    }

    public static Path schema() {
        return ROOT.resolve("nextflow_schema.json");
    }

    /** Option values of the first select param found whose argument is one of {@code arguments}. */
    public static TreeSet<String> galaxySelect(Path xml, String... arguments) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList params = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("param");
        for (String argument : arguments) {
            for (int i = 0; i < params.getLength(); i++) {
                Element param = (Element) params.item(i);
                if (param.getAttribute("type").equals("select") && param.getAttribute("argument").equals(argument)) {
                    TreeSet<String> values = new TreeSet<>();
                    NodeList options = param.getElementsByTagName("option");
                    for (int o = 0; o < options.getLength(); o++) {
                        values.addAll(List.of(((Element) options.item(o)).getAttribute("value").split(",")));
                    }
                    return values;
                }
            }
        }
        throw new AssertionError(xml + ": no <param type=\"select\"> with argument " + String.join(" or ", arguments));
    }

    /** The values of the first schema property found named one of {@code properties}: its enum or comma-list pattern. */
    public static TreeSet<String> schemaChoices(Path schema, String... properties) throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(schema));
        for (String name : properties) {
            JsonNode property = findProperty(root, name);
            if (property == null) {
                continue;
            }
            TreeSet<String> values = new TreeSet<>();
            if (property.has("enum")) {
                property.get("enum").forEach(v -> values.add(v.asText()));
                return values;
            }
            Matcher m = COMMA_LIST.matcher(property.path("pattern").asText());
            if (!m.matches()) {
                throw new AssertionError(schema + ": property " + name + " has neither an enum nor a pattern "
                        + "^(a|b)(,(a|b))*$: " + property);
            }
            values.addAll(List.of(m.group(1).split("\\|")));
            return values;
        }
        throw new AssertionError(schema + ": no property " + String.join(" or ", properties));
    }

    /** Depth-first search of every "properties" object (the schema groups its parameters in definitions). */
    private static JsonNode findProperty(JsonNode node, String name) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.has(name)) {
                return properties.get(name);
            }
            List<JsonNode> children = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                children.add(it.next().getValue());
            }
            for (JsonNode child : children) {
                JsonNode found = findProperty(child, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
