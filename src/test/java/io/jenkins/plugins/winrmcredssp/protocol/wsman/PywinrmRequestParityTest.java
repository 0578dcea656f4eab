package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Our envelopes carry the same elements and values as the requests pywinrm sends to real Windows hosts (its
 * recorded request fixtures), apart from deliberate differences listed per test. Compared as sets of leaf paths with
 * namespaces resolved, so prefixes, order and whitespace do not matter.
 */
class PywinrmRequestParityTest {
    private static final String SHELL_ID = "11111111-1111-1111-1111-111111111113";
    private static final String COMMAND_ID = "11111111-1111-1111-1111-111111111114";
    private final WsmanRequestBuilder builder = new WsmanRequestBuilder(new WsmanSettings(
            "http://windows-host:5985/wsman", 153600, "en-US", Duration.ofSeconds(20)),
            () -> UUID.fromString("11111111-1111-1111-1111-111111111111"));

    @Test
    void create() {
        assertThat(leaves(builder.createShell(ShellOptions.defaults().withCodepage(437).withNoProfile(false))
                .envelope())).isEqualTo(leaves(Fixtures.load("pywinrm-create-request.xml")));
    }

    @Test
    void command() {
        assertThat(leaves(builder.command(SHELL_ID, RemoteCommand.of("ipconfig", "/all")).envelope()))
                .isEqualTo(leaves(Fixtures.load("pywinrm-command-request.xml")));
    }

    @Test
    void receiveAddsOnlyTheKeepAliveOption() {
        Set<String> ours = leaves(builder.receive(SHELL_ID, COMMAND_ID).envelope());
        Set<String> theirs = leaves(Fixtures.load("pywinrm-receive-request.xml"));
        assertThat(ours).containsAll(theirs);
        ours.removeAll(theirs);
        assertThat(ours).singleElement().asString().contains("wsman_cmdshell_option_keepalive");
    }

    @Test
    void signal() {
        assertThat(leaves(builder.signal(SHELL_ID, COMMAND_ID, SignalCode.TERMINATE).envelope()))
                .isEqualTo(leaves(Fixtures.load("pywinrm-signal-request.xml")));
    }

    @Test
    void delete() {
        assertThat(leaves(builder.deleteShell(SHELL_ID).envelope()))
                .isEqualTo(leaves(Fixtures.load("pywinrm-delete-request.xml")));
    }

    private static Set<String> leaves(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Set<String> leaves = new TreeSet<>();
            collect(factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement(), "",
                    leaves);
            return leaves;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void collect(Element element, String parent, Set<String> leaves) {
        String path = parent + "/{" + element.getNamespaceURI() + "}" + element.getLocalName()
                + attributes(element);
        List<Element> children = new java.util.ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        if (children.isEmpty()) {
            leaves.add((path + "=" + element.getTextContent().strip()).toLowerCase(Locale.ROOT));
        }
        children.forEach(child -> collect(child, path, leaves));
    }

    /** Attributes that carry meaning (mustUnderstand is compared separately: pywinrm leaves it unqualified). */
    private static String attributes(Element element) {
        StringBuilder text = new StringBuilder();
        for (String name : new String[] {"Name", "CommandId", "End"}) {
            if (element.hasAttribute(name)) {
                text.append('[').append(name).append('=').append(element.getAttribute(name)).append(']');
            }
        }
        String lang = element.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
        if (!lang.isEmpty()) {
            text.append("[xml:lang=").append(lang).append(']');
        }
        return text.toString();
    }
}
