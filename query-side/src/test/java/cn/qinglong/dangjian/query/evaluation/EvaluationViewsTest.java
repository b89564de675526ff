package cn.qinglong.dangjian.query.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.suggestion.SuggestionProjectionTest;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The answers of 民主评议 and 建言 over HTTP, from the scenario's round and suggestions. */
class EvaluationViewsTest extends QuerySideTest {

    private static Scenario scenario;
    private static long position;

    @BeforeEach
    void load() {
        if (scenario == null) {
            scenario = scenario("views");
            EvaluationProjectionTest.round(scenario);
            SuggestionProjectionTest.suggestions(scenario);
            position = append(scenario.log);
        }
    }

    private JsonNode get(String path) {
        return answerAt(path, position);
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (value.equals(item.get(field).asString())) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " = " + value + " in " + items);
    }

    @Test
    @DisplayName("a round's results count each member's ratings by rater kind and grade, the grades, and each organisation's satisfaction")
    void roundResults() {
        JsonNode results = get("/evaluation-rounds/" + EvaluationProjectionTest.roundId(scenario) + "/results");
        assertThat(results.get("round").get("organizationName").asString()).isEqualTo("东风村党总支");
        assertThat(results.get("round").get("open").asBoolean()).as("open until today, its last day").isTrue();
        JsonNode dual = find(results.get("members"), "memberId", scenario.dual);
        assertThat(dual.get("name").asString()).isEqualTo("王建国");
        assertThat(dual.get("ratings").get("MASSES").get("EXCELLENT").asInt()).isEqualTo(1);
        assertThat(dual.get("ratings").get("MASSES").get("QUALIFIED").asInt()).isEqualTo(1);
        assertThat(dual.get("ratings").get("SELF").get("EXCELLENT").asInt()).isEqualTo(1);
        assertThat(dual.get("ratings").get("PEER").get("EXCELLENT").asInt()).isZero();
        assertThat(dual.get("rated").asInt()).isEqualTo(3);
        assertThat(dual.get("grade").asString()).isEqualTo("EXCELLENT");
        assertThat(dual.get("gradeLabel").asString()).isEqualTo("优秀");
        JsonNode needy = find(results.get("members"), "memberId", scenario.needy);
        assertThat(needy.get("ratings").get("PEER").get("QUALIFIED").asInt()).isEqualTo(1);
        assertThat(needy.get("grade").isNull()).isTrue();
        assertThat(results.get("members")).as("only members rated or graded in the round").hasSize(2);
        JsonNode excellent = find(results.get("grades"), "code", "EXCELLENT");
        assertThat(excellent.get("count").asInt()).isEqualTo(1);
        assertThat(excellent.get("label").asString()).isEqualTo("优秀");
        JsonNode branch = find(results.get("organizations"), "organizationId", scenario.villageBranch);
        assertThat(branch.get("satisfied").asInt()).isEqualTo(1);
        assertThat(branch.get("dissatisfied").asInt()).isEqualTo(1);
        assertThat(branch.get("rate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(results.get("raterKinds").get("MASSES").asString()).isEqualTo("群众");
        assertThat(results.get("satisfactionLabels").get("BASICALLY_SATISFIED").asString()).isEqualTo("基本满意");
        assertThat(get("/evaluation-rounds?organizationId=" + scenario.village).get("items")).hasSize(1);
    }

    @Test
    @DisplayName("an unknown round is a 404 problem; a bad status or category a 400 naming the field")
    void refusals() {
        Http.Response unknown = query.get("/evaluation-rounds/no-such-round/results?minPosition=" + position);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Http.Response status = query.get("/suggestions?status=LOST");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
        Http.Response category = query.get("/suggestions?category=NOISE");
        assertThat(category.json().get("errors").get(0).get("field").asString()).isEqualTo("category");
        assertThat(query.get("/suggestions?organizationId=no-such-org").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("suggestions show how many days each waits or waited, longest first; open ones filter by status")
    void suggestionsWithDaysWaiting() {
        JsonNode all = get("/suggestions?organizationId=" + scenario.community).get("items");
        assertThat(all).extracting(i -> i.get("suggestionId").asString()).containsExactly(
                scenario.community + "-sg-council", scenario.community + "-sg-answered", scenario.community + "-sg-open");
        assertThat(find(all, "status", "OPEN").get("daysOpen").asInt()).isEqualTo(20);
        assertThat(find(all, "status", "OPEN").get("submittedBy").asString()).isEqualTo("赵桂兰");
        assertThat(find(all, "status", "ANSWERED").get("daysOpen").asInt()).isEqualTo(10);
        assertThat(find(all, "status", "ANSWERED").get("submittedBy").asString()).isEqualTo("张伟");
        assertThat(find(all, "status", "ANSWERED").get("categoryLabel").asString()).isEqualTo("物业服务");
        assertThat(find(all, "status", "DELIBERATED").get("daysOpen").asInt()).isEqualTo(30);
        assertThat(find(all, "status", "DELIBERATED").get("statusLabel").asString()).isEqualTo("已议决");
        JsonNode open = get("/suggestions?organizationId=" + scenario.community + "&status=OPEN");
        assertThat(open.get("items")).hasSize(1);
        assertThat(open.get("total").asInt()).isEqualTo(1);
        assertThat(get("/suggestions?organizationId=" + scenario.communityBranch).get("items")).hasSize(1);
    }

    @Test
    @DisplayName("per organisation: answered within 15 days out of those settled or waiting longer; per category: how many and how many open")
    void summary() {
        JsonNode summary = get("/suggestions/summary?organizationId=" + scenario.community);
        assertThat(summary.get("withinDays").asInt()).isEqualTo(15);
        assertThat(summary.get("total").asInt()).isEqualTo(3);
        assertThat(summary.get("open").asInt()).isEqualTo(1);
        JsonNode branch = find(summary.get("organizations"), "organizationId", scenario.communityBranch);
        assertThat(branch.get("answered").asInt()).isEqualTo(1);
        assertThat(branch.get("answeredWithin").asInt()).isEqualTo(1);
        assertThat(branch.get("rate").decimalValue()).isEqualByComparingTo("1");
        JsonNode community = find(summary.get("organizations"), "organizationId", scenario.community);
        assertThat(community.get("name").asString()).isEqualTo("紫云苑党总支");
        assertThat(community.get("deliberated").asInt()).isEqualTo(1);
        assertThat(community.get("answeredWithin").asInt()).as("the council took 30 days").isZero();
        assertThat(community.get("due").asInt()).as("the council's and the one open 20 days").isEqualTo(2);
        assertThat(community.get("longestOpenDays").asInt()).isEqualTo(20);
        JsonNode greening = find(summary.get("categories"), "category", "GREENING");
        assertThat(greening.get("label").asString()).isEqualTo("绿化管理");
        assertThat(greening.get("open").asInt()).isEqualTo(1);
    }
}
