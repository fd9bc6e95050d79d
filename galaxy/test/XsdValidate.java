import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Validates XML files against an XSD with the JDK's own validator (no extra packages):
 * java XsdValidate.java SCHEMA.xsd FILE.xml... ; prints one line per problem and
 * "VALID file" per clean file; exits 1 when any file is invalid.
 */
public class XsdValidate {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java XsdValidate.java SCHEMA.xsd FILE.xml...");
            System.exit(2);
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(new File(args[0]));
        boolean allValid = true;
        for (int i = 1; i < args.length; i++) {
            String file = args[i];
            List<String> problems = new ArrayList<>();
            Validator validator = schema.newValidator();
            validator.setErrorHandler(new ErrorHandler() {
                public void warning(SAXParseException e) { }
                public void error(SAXParseException e) { problems.add(describe(file, e)); }
                public void fatalError(SAXParseException e) { problems.add(describe(file, e)); }
            });
            try {
                validator.validate(new StreamSource(new File(file)));
            } catch (SAXParseException e) {
                // already reported through the handler
            }
            if (problems.isEmpty()) {
                System.out.println("VALID " + file);
            } else {
                allValid = false;
                problems.forEach(System.out::println);
            }
        }
        System.exit(allValid ? 0 : 1);
    }

    private static String describe(String file, SAXParseException e) {
        return "INVALID " + file + ":" + e.getLineNumber() + ": " + e.getMessage();
    }
}
