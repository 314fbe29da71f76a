package dev.switchboard.agents;

import dev.switchboard.mcp.protocol.Tools;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A fixed catalogue of 30 tools such as a gateway aggregates from several servers, and queries that paraphrase them. */
final class ToolCatalogue {
    private ToolCatalogue() {}

    static final List<Tools.Tool> TOOLS = List.of(
            tool("files.read_file", "Read the complete contents of a file from the file system", "path"),
            tool("files.write_file", "Create a new file or overwrite an existing file with new content", "path", "content"),
            tool("files.list_directory", "List the files and subdirectories in a directory", "path"),
            tool("files.move_file", "Move or rename a file or directory", "source", "destination"),
            tool("files.search_files", "Recursively search for files whose names match a glob pattern", "path", "pattern"),
            tool("files.get_file_info", "Get metadata about a file: size, creation time, modification time, permissions", "path"),
            tool("git.commit", "Record staged changes to the repository with a commit message", "message"),
            tool("git.diff", "Show the differences between the working tree and the last commit", "path"),
            tool("git.log", "Show the commit history of the repository", "maxCount"),
            tool("git.create_branch", "Create a new branch from the current HEAD", "name"),
            tool("github.create_issue", "Open a new issue in a GitHub repository", "repo", "title", "body"),
            tool("github.create_pull_request", "Open a pull request to merge one branch into another", "repo", "head", "base", "title"),
            tool("slack.post_message", "Post a message to a Slack channel", "channel", "text"),
            tool("email.send_email", "Send an email to one or more recipients", "to", "subject", "body"),
            tool("calendar.create_event", "Schedule a meeting or event in the calendar", "title", "start", "end", "attendees"),
            tool("calendar.list_events", "List upcoming events in the calendar between two dates", "from", "to"),
            tool("weather.get_forecast", "Get the weather forecast for a city for the next days", "city", "days"),
            tool("weather.get_alerts", "Get active severe weather alerts for a US state", "state"),
            tool("db.query", "Run a read-only SQL query against the database and return the rows", "sql"),
            tool("db.list_tables", "List the tables in the database schema", "schema"),
            tool("web.fetch", "Fetch a URL from the internet and return its content as markdown", "url"),
            tool("web.search", "Search the web and return the top results with titles and links", "query"),
            tool("math.add", "Add two numbers", "a", "b"),
            tool("convert.currency", "Convert an amount of money from one currency to another at today's exchange rate", "amount", "from", "to"),
            tool("translate.text", "Translate text from one language into another", "text", "targetLanguage"),
            tool("image.resize", "Resize an image to the given width and height", "path", "width", "height"),
            tool("pdf.extract_text", "Extract the text from a PDF document", "path"),
            tool("k8s.list_pods", "List the pods running in a Kubernetes namespace", "namespace"),
            tool("k8s.get_logs", "Get the logs of a container in a Kubernetes pod", "pod", "container"),
            tool("time.get_current_time", "Get the current date and time in a time zone", "timezone"));

    /** Queries that say what a tool does in other words, and the tool they mean. */
    static final List<String[]> PARAPHRASES = List.of(
            new String[] {"show me what is inside this document on disk", "files.read_file"},
            new String[] {"save some text into a new document", "files.write_file"},
            new String[] {"which files are in this folder", "files.list_directory"},
            new String[] {"rename a document", "files.move_file"},
            new String[] {"how big is this file and when was it changed", "files.get_file_info"},
            new String[] {"what changed in my code since the last commit", "git.diff"},
            new String[] {"report a bug to the project on GitHub", "github.create_issue"},
            new String[] {"send a chat message to my team channel", "slack.post_message"},
            new String[] {"write a mail to my boss", "email.send_email"},
            new String[] {"book a meeting with Alice tomorrow at 3pm", "calendar.create_event"},
            new String[] {"will it rain in Paris this weekend", "weather.get_forecast"},
            new String[] {"select rows from the customers table", "db.query"},
            new String[] {"download the page at this link", "web.fetch"},
            new String[] {"how many euros is 100 dollars", "convert.currency"},
            new String[] {"say this sentence in Spanish", "translate.text"},
            new String[] {"make this picture smaller", "image.resize"},
            new String[] {"what time is it in Tokyo", "time.get_current_time"},
            new String[] {"show container output of a crashing kubernetes pod", "k8s.get_logs"});

    static Tools.Tool tool(String name, String description, String... args) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (String a : args) props.putObject(a).put("type", "string");
        return Tools.Tool.of(name, description, schema);
    }
}
