using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Monitor.Tests.Support;

namespace Monitor.Tests.Dashboards;

/// <summary>
/// The dashboards in dashboards/kibana/*.ndjson: every line parses, ids are stable and unique,
/// every reference resolves, and every field a visualisation, filter, query or saved search uses
/// exists in the Elasticsearch templates (aggregatable where it is aggregated).
/// </summary>
public sealed partial class KibanaSavedObjectTests
{
    private static readonly string[] RequiredDashboards = ["mm-dashboard-overview", "mm-dashboard-sentiment"];

    private static List<(string File, JsonObject Object)> Objects() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "dashboards", "kibana"), "*.ndjson")
            .Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadAllLines(file).Where(l => l.Length > 0).Select(line => (Path.GetFileName(file), JsonNode.Parse(line)!.AsObject())))];

    private static Dictionary<string, JsonObject> DataViews() =>
        Objects().Where(o => o.Object["type"]!.ToString() == "index-pattern").ToDictionary(o => o.Object["id"]!.ToString(), o => o.Object);

    /// <summary>The data view's title is an alias or data stream name, which is also its index template's name.</summary>
    private static JsonObject PropertiesOf(string dataViewId) =>
        TemplateMappings.Properties(DataViews()[dataViewId]["attributes"]!["title"]!.ToString());

    [Fact]
    public void Ndjson_EveryLine_IsASavedObjectWithStableIdAndMigrationVersions()
    {
        var objects = Objects();

        objects.Count.ShouldBe(13);
        objects.Select(o => o.Object["id"]!.ToString()).ShouldBeUnique();
        foreach (var (_, saved) in objects)
        {
            saved["id"]!.ToString().ShouldStartWith("mm-");
            saved["type"]!.ToString().ShouldBeOneOf("index-pattern", "lens", "search", "dashboard");
            saved["coreMigrationVersion"]!.ToString().ShouldNotBeNullOrEmpty();
            saved["typeMigrationVersion"]!.ToString().ShouldNotBeNullOrEmpty();
            saved["attributes"]!["title"]!.ToString().ShouldNotBeNullOrEmpty();
            saved["references"].ShouldBeOfType<JsonArray>();
        }

        objects.Select(o => o.Object["id"]!.ToString()).ShouldContain(id => RequiredDashboards.Contains(id));
    }

    [Fact]
    public void References_Everywhere_ResolveToObjectsInTheBundleAndImportOrder()
    {
        var objects = Objects();
        var known = objects.Select(o => (o.Object["type"]!.ToString(), o.Object["id"]!.ToString())).ToHashSet();
        foreach (var (file, saved) in objects)
        {
            foreach (var reference in saved["references"]!.AsArray())
            {
                var target = (reference!["type"]!.ToString(), reference["id"]!.ToString());
                known.ShouldContain(target, $"{saved["id"]} → {target}");

                // Files are imported in name order; a reference must point to this file or an earlier one.
                var targetFile = objects.First(o => o.Object["type"]!.ToString() == target.Item1 && o.Object["id"]!.ToString() == target.Item2).File;
                string.CompareOrdinal(targetFile, file).ShouldBeLessThanOrEqualTo(0);
            }
        }
    }

    [Fact]
    public void Dashboards_EveryPanel_HasItsNamedReference()
    {
        foreach (var (_, dashboard) in Objects().Where(o => o.Object["type"]!.ToString() == "dashboard"))
        {
            var panels = JsonNode.Parse(dashboard["attributes"]!["panelsJSON"]!.ToString())!.AsArray();
            var references = dashboard["references"]!.AsArray().Select(r => r!["name"]!.ToString()).ToHashSet();
            panels.Count.ShouldBeGreaterThan(0);
            foreach (var panel in panels)
            {
                references.ShouldContain($"{panel!["panelIndex"]}:{panel["panelRefName"]}");
                var grid = panel["gridData"]!;
                (grid["x"]!.GetValue<int>() + grid["w"]!.GetValue<int>()).ShouldBeLessThanOrEqualTo(48);
            }

            JsonNode.Parse(dashboard["attributes"]!["optionsJSON"]!.ToString()).ShouldNotBeNull();
            JsonNode.Parse(dashboard["attributes"]!["kibanaSavedObjectMeta"]!["searchSourceJSON"]!.ToString()).ShouldNotBeNull();
        }
    }

    [Fact]
    public void LensVisualisations_EveryFieldUsed_ExistsInTheTemplatesAndIsAggregatable()
    {
        foreach (var (_, lens) in Objects().Where(o => o.Object["type"]!.ToString() == "lens"))
        {
            var state = lens["attributes"]!["state"]!;
            var layers = state["datasourceStates"]!["formBased"]!["layers"]!.AsObject();
            foreach (var (layerId, layer) in layers)
            {
                var reference = lens["references"]!.AsArray().Single(r => r!["name"]!.ToString() == $"indexpattern-datasource-layer-{layerId}");
                var properties = PropertiesOf(reference!["id"]!.ToString());
                var columns = layer!["columns"]!.AsObject();
                layer["columnOrder"]!.AsArray().Select(c => c!.ToString()).ShouldBe(columns.Select(c => c.Key), ignoreOrder: true);
                foreach (var (columnId, column) in columns)
                {
                    var source = column!["sourceField"]!.ToString();
                    if (source != "___records___")
                    {
                        var field = TemplateMappings.Field(properties, source);
                        field.ShouldNotBeNull($"{lens["id"]} column {columnId} uses {source}");
                        TemplateMappings.IsAggregatable(field).ShouldBeTrue($"{lens["id"]} aggregates {source}");
                    }

                    if (column["params"]?["orderBy"]?["columnId"] is { } orderBy)
                    {
                        columns.ContainsKey(orderBy.ToString()).ShouldBeTrue();
                    }

                    if (column["filter"]?["query"] is { } filter)
                    {
                        FieldsInKql(filter.ToString()).ShouldAllBe(f => TemplateMappings.Field(properties, f) != null);
                    }
                }

                FieldsInKql(state["query"]!["query"]!.ToString()).ShouldAllBe(f => TemplateMappings.Field(properties, f) != null);
                AccessorsOf(state["visualization"]!).ShouldAllBe(a => columns.ContainsKey(a), lens["id"]!.ToString());
            }
        }
    }

    [Fact]
    public void SavedSearchAndDataViews_EveryFieldUsed_ExistsInTheTemplates()
    {
        foreach (var (id, view) in DataViews())
        {
            var properties = PropertiesOf(id);
            TemplateMappings.Field(properties, view["attributes"]!["timeFieldName"]!.ToString())!["type"]!.ToString().ShouldBe("date");
            foreach (var (field, _) in JsonNode.Parse(view["attributes"]!["fieldFormatMap"]!.ToString())!.AsObject())
            {
                TemplateMappings.Field(properties, field).ShouldNotBeNull($"{id} formats {field}");
            }
        }

        foreach (var (_, search) in Objects().Where(o => o.Object["type"]!.ToString() == "search"))
        {
            var source = JsonNode.Parse(search["attributes"]!["kibanaSavedObjectMeta"]!["searchSourceJSON"]!.ToString())!;
            var reference = search["references"]!.AsArray().Single(r => r!["name"]!.ToString() == source["indexRefName"]!.ToString());
            var properties = PropertiesOf(reference!["id"]!.ToString());
            var fields = search["attributes"]!["columns"]!.AsArray().Select(c => c!.ToString())
                .Concat(search["attributes"]!["sort"]!.AsArray().Select(s => s![0]!.ToString()));
            fields.ShouldAllBe(f => TemplateMappings.Field(properties, f) != null);
        }
    }

    [Fact]
    public void FlaggedFeed_ShowsTheLinkAndReason()
    {
        var feed = Objects().Single(o => o.Object["id"]!.ToString() == "mm-search-flagged-feed").Object;

        feed["attributes"]!["columns"]!.AsArray().Select(c => c!.ToString()).ShouldContain("url");
        feed["attributes"]!["columns"]!.AsArray().Select(c => c!.ToString()).ShouldContain("reason");
        JsonNode.Parse(DataViews()["mm-dv-flags"]["attributes"]!["fieldFormatMap"]!.ToString())!["url"]!["id"]!.ToString().ShouldBe("url");
    }

    private static IEnumerable<string> AccessorsOf(JsonNode visualization)
    {
        IEnumerable<JsonNode?> layers = visualization["layers"] is JsonArray array ? array : new[] { visualization };
        foreach (var layer in layers)
        {
            foreach (var key in new[] { "xAccessor", "splitAccessor" })
            {
                if (layer![key] is { } single)
                {
                    yield return single.ToString();
                }
            }

            foreach (var key in new[] { "accessors", "primaryGroups", "metrics" })
            {
                foreach (var accessor in layer![key]?.AsArray() ?? [])
                {
                    yield return accessor!.ToString();
                }
            }

            foreach (var column in layer!["columns"]?.AsArray() ?? [])
            {
                yield return column!["columnId"]!.ToString();
            }
        }
    }

    /// <summary>Field names in a simple KQL expression ("task : \"sentiment\"", "age_hours >= 20 and …").</summary>
    private static IEnumerable<string> FieldsInKql(string query) =>
        KqlField().Matches(query).Select(m => m.Groups[1].Value).Distinct();

    [GeneratedRegex(@"([@A-Za-z_][\w.]*)\s*(?::|>=|<=|>|<)")]
    private static partial Regex KqlField();
}
