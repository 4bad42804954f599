package io.gatehouse.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The built-in content of the two demo APIs that replace the article's internet APIs: a geek
 * jokes API ({@code GET /joke}, shaped like geek-jokes' {@code {"joke": "..."}}) and a profile
 * generator ({@code GET /profile}, shaped like uinames' {@code {"name","surname","gender","region"}}).
 */
public final class DemoContent {

    /** Programming jokes, one of which {@code GET /joke} returns at random. */
    public static final List<String> JOKES = List.of(
            "There are only 10 kinds of people in the world: those who understand binary and those who don't.",
            "A SQL query walks into a bar, goes up to two tables and asks: \"Can I join you?\"",
            "Why do programmers prefer dark mode? Because light attracts bugs.",
            "To understand recursion, you must first understand recursion.",
            "There are two hard things in computer science: cache invalidation, naming things and off-by-one errors.",
            "A programmer's partner says: \"Buy a loaf of bread, and if they have eggs, buy a dozen.\" "
                    + "The programmer comes home with twelve loaves.",
            "Why did the developer go broke? Because they used up all their cache.",
            "It works on my machine. Then we'll ship your machine.",
            "How many programmers does it take to change a light bulb? None, that's a hardware problem.",
            "Knock knock. Race condition. Who's there?",
            "An API gateway walks into a bar. The bartender says: \"Sorry, no Route matched with those values.\"",
            "Why do Java developers wear glasses? Because they don't C#.");

    private static final List<String> FEMALE_NAMES = List.of("Ada", "Grace", "Hedy", "Margaret", "Radia", "Frances",
            "Barbara", "Karen", "Sophie", "Lucie");
    private static final List<String> MALE_NAMES = List.of("Alan", "Dennis", "Linus", "Ken", "Guido", "James",
            "Bjarne", "Donald", "Niklaus", "Edsger");
    private static final List<String> SURNAMES = List.of("Lovelace", "Hopper", "Lamarr", "Hamilton", "Perlman",
            "Allen", "Liskov", "Jones", "Wilson", "Turing", "Ritchie", "Torvalds", "Thompson", "Knuth", "Dijkstra");
    private static final List<String> REGIONS = List.of("France", "United Kingdom", "United States", "Germany",
            "Netherlands", "Denmark", "Canada", "Finland", "Switzerland", "Japan");

    private DemoContent() {
    }

    /** {@code {"joke": "..."}} */
    public static Map<String, Object> joke() {
        return Map.of("joke", pick(JOKES));
    }

    /** {@code {"name": "...", "surname": "...", "gender": "female"|"male", "region": "..."}} */
    public static Map<String, Object> profile() {
        boolean female = ThreadLocalRandom.current().nextBoolean();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", pick(female ? FEMALE_NAMES : MALE_NAMES));
        profile.put("surname", pick(SURNAMES));
        profile.put("gender", female ? "female" : "male");
        profile.put("region", pick(REGIONS));
        return profile;
    }

    private static String pick(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }
}
