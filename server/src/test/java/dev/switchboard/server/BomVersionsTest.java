package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (see bom/pom.xml), so its Jackson and Netty versions are written twice; this
 * keeps them equal to the ones the build uses, and keeps every library artifact in it.
 */
class BomVersionsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bom_pinsTheJacksonAndNettyTheBuildUses() throws Exception {
        Document root = read(ROOT.resolve("pom.xml")), bom = read(ROOT.resolve("bom/pom.xml"));
        for (String property : List.of("jackson.version", "netty.version"))
            assertThat(text(bom, property)).as(property).isNotBlank().isEqualTo(text(root, property));
        assertThat(text(bom, "version")).isEqualTo(text(root, "version"));
        assertThat(text(bom, "groupId")).isEqualTo(text(root, "groupId")).isEqualTo("dev.switchboard");
    }

    @Test
    void bom_managesEveryLibraryArtifactAndImportsJacksonAndNetty() throws Exception {
        List<String> managed = new ArrayList<>();
        NodeList deps = read(ROOT.resolve("bom/pom.xml")).getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            managed.add(d.getElementsByTagName("groupId").item(0).getTextContent() + ":" + d.getElementsByTagName("artifactId").item(0).getTextContent());
        }
        assertThat(managed).contains("dev.switchboard:switchboard-server", "dev.switchboard:kernel", "dev.switchboard:mcp",
                "dev.switchboard:transport", "dev.switchboard:ops", "tools.jackson:jackson-bom", "io.netty:netty-bom");
    }

    @Test
    void serverArtifact_bringsTheServerApiAndBothTransports() {
        assertThat(List.of(dev.switchboard.mcp.McpServer.class, dev.switchboard.mcp.ServerDefinition.class,
                dev.switchboard.transport.StreamableHttpServer.class, dev.switchboard.transport.StdioTransport.class)).hasSize(4);
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The first element named {@code tag} directly under the project or its properties. */
    private static String text(Document pom, String tag) {
        for (Element scope : List.of(pom.getDocumentElement(), (Element) pom.getElementsByTagName("properties").item(0))) {
            NodeList children = scope.getChildNodes();
            for (int i = 0; i < children.getLength(); i++)
                if (children.item(i) instanceof Element e && e.getTagName().equals(tag)) return e.getTextContent().trim();
        }
        return null;
    }
}
