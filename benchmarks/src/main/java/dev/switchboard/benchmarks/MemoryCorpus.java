package dev.switchboard.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/*
 * Why generated text: the bench needs thousands of distinct, realistic tool-call descriptions
 * (what pattern memory stores) and queries that are near some of them, reproducibly and without
 * a data set download. Templates over tools, verbs and argument values give that from a seed.
 */
final class MemoryCorpus {
    private MemoryCorpus() {}

    private static final String[][] TOOLS = {
            {"files.read_file", "{\"path\":\"/srv/%s/%s.log\"}"}, {"files.write_file", "{\"path\":\"/home/%s/%s.md\",\"content\":\"notes\"}"},
            {"files.search_files", "{\"path\":\"/src/%s\",\"pattern\":\"*%s*\"}"}, {"git.diff", "{\"path\":\"%s/%s.java\"}"},
            {"git.log", "{\"branch\":\"%s-%s\",\"maxCount\":20}"}, {"github.create_issue", "{\"repo\":\"%s/%s\",\"title\":\"crash on start\"}"},
            {"slack.post_message", "{\"channel\":\"#%s\",\"text\":\"deploy of %s done\"}"}, {"email.send_email", "{\"to\":\"%s@example.com\",\"subject\":\"%s report\"}"},
            {"calendar.create_event", "{\"title\":\"%s sync\",\"attendees\":\"%s\"}"}, {"weather.get_forecast", "{\"city\":\"%s\",\"days\":%s}"},
            {"db.query", "{\"sql\":\"SELECT * FROM %s WHERE %s_id = 7\"}"}, {"web.fetch", "{\"url\":\"https://%s.example.org/%s\"}"},
            {"web.search", "{\"query\":\"%s %s tutorial\"}"}, {"convert.currency", "{\"amount\":%s,\"from\":\"EUR\",\"to\":\"%s\"}"},
            {"translate.text", "{\"text\":\"%s %s\",\"targetLanguage\":\"de\"}"}, {"k8s.get_logs", "{\"pod\":\"%s-%s\",\"container\":\"app\"}"},
            {"pdf.extract_text", "{\"path\":\"/docs/%s/%s.pdf\"}"}, {"image.resize", "{\"path\":\"%s/%s.png\",\"width\":640}"}};
    private static final String[] WORDS = {"billing", "orders", "users", "payments", "search", "gateway", "inventory", "shipping", "auth",
            "analytics", "checkout", "catalog", "reports", "alerts", "invoices", "london", "paris", "tokyo", "berlin", "madrid", "alice",
            "bob", "carol", "dave", "erin", "frontend", "backend", "mobile", "staging", "production", "2024", "2025", "42", "7", "USD", "JPY"};

    /** {@code n} distinct call descriptions from {@code seed}. */
    static List<String> calls(int n, long seed) {
        Random r = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            String[] t = TOOLS[r.nextInt(TOOLS.length)];
            String args = String.format(t[1], WORDS[r.nextInt(WORDS.length)], WORDS[r.nextInt(WORDS.length)]);
            out.add(t[0].replace('.', ' ').replace('_', ' ') + ": " + args);
        }
        return new ArrayList<>(out);
    }
}
