using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.Loader;
using System.Security;
using System.Text;
using System.Xml.Linq;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// The table views of module/PortOutPasscode.format.ps1xml: one per output type, bound to the real types'
/// properties, passcodes masked; checked column by column in the engine and end to end through Out-Default.
/// </summary>
public class FormatTests
{
    private const string Passcode = "a1b2c3";

    private static readonly string[] ViewedTypes =
    {
        "BwConnection", "TnOptionOrder", "TnOptionOrderSummary", "TnOptionGroup", "TnOptionError", "TnOptionWarning",
        "OrderHistoryEntry", "PortOutPasscodeInfo", "TnOutcome", "BwPortOut", "BwSubscription", "ProtectionStatus",
        "PortOutPasscodeAssignment",
    };

    private static string FormatFile => Path.Combine(RepoPaths.ModuleFolder, "PortOutPasscode.format.ps1xml");

    [Fact]
    public void Format_file_loads_in_the_engine_without_errors()
    {
        // Throws FormatTableLoadException with every problem of the file.
        var table = new FormatTable(new[] { FormatFile });
        Assert.NotNull(table);
    }

    [Fact]
    public void Every_output_type_has_exactly_one_table_view_with_as_many_items_as_headers()
    {
        foreach (var type in ViewedTypes)
        {
            var view = View(type);
            var table = view.Element("TableControl");
            Assert.True(table != null, $"{type}: not a table view");
            var headers = table!.Descendants("TableColumnHeader").ToList();
            var items = table.Descendants("TableColumnItem").ToList();
            Assert.True(headers.Count >= 2, $"{type}: {headers.Count} columns");
            Assert.Equal(headers.Count, items.Count);
            Assert.All(headers, h => Assert.False(string.IsNullOrWhiteSpace(h.Element("Label")?.Value), $"{type}: a column has no label"));
        }
        Assert.Equal(ViewedTypes.Length, Document().Descendants("View").Count());
    }

    [Fact]
    public void Connection_view_is_kept()
    {
        Assert.Equal(new[] { "AccountId", "Authentication", "UserName", "BaseUri" }, Columns("BwConnection").Select(c => c.Label));
        Assert.Equal(new[] { "AccountId", "AuthenticationKind", "UserName", "BaseUri" }, Columns("BwConnection").Select(c => c.Property));
    }

    [Fact]
    public void Every_column_reads_properties_the_real_type_has()
    {
        using var core = new CoreTypes();
        foreach (var type in ViewedTypes)
        {
            var real = core.Type(type);
            foreach (var column in Columns(type))
            {
                var names = column.Property != null ? new[] { column.Property } : DollarUnderscoreMembers(column.Script!);
                Assert.True(names.Length > 0, $"{type} '{column.Label}': the column reads no property of $_");
                foreach (var name in names)
                {
                    Assert.True(real.GetProperty(name) != null, $"{type} '{column.Label}': {real.FullName} has no property {name}");
                }
            }
        }
    }

    [Fact]
    public void Script_columns_use_only_syntax_Windows_PowerShell_5_1_understands()
    {
        foreach (var column in ViewedTypes.SelectMany(Columns).Where(c => c.Script != null))
        {
            var ast = Parser.ParseInput(column.Script, out _, out var errors);
            Assert.Empty(errors);
            Assert.Null(ast.Find(a => a is TernaryExpressionAst || a is PipelineChainAst
                                      || (a is BinaryExpressionAst b && b.Operator == TokenKind.QuestionQuestion)
                                      || (a is MemberExpressionAst m && m.NullConditional), true));
        }
    }

    [Fact]
    public void Passcode_info_view_shows_no_character_of_the_passcode_nor_its_length()
    {
        var passcode = Assert.Single(Columns("PortOutPasscodeInfo"), c => c.Label == "Passcode");
        Assert.Null(passcode.Property);
        Assert.NotNull(passcode.Script);

        using var session = new PowerShellSession(importModule: false);
        Assert.Equal("****", Evaluate(session, passcode, Row(("HasPasscode", true), ("Passcode", Passcode))));
        Assert.Equal("****", Evaluate(session, passcode, Row(("HasPasscode", true), ("Passcode", "7731")))); // half of a 4-digit PIN was too much
        Assert.Equal("****", Evaluate(session, passcode, Row(("HasPasscode", true), ("Passcode", new SecureString()))));
        Assert.Equal("", Evaluate(session, passcode, Row(("HasPasscode", false), ("Passcode", null))));
    }

    [Theory]
    [InlineData("PortOutPasscodeInfo", "Passcode")]
    [InlineData("TnOptionGroup", "PortOutPasscode")]
    public void No_column_of_the_view_shows_the_raw_passcode(string type, string passcodeProperty)
    {
        using var core = new CoreTypes();
        var instance = core.New(type, (passcodeProperty, Passcode), ("TelephoneNumber", "2012000101"),
            ("TelephoneNumbers", new[] { "2012000101", "2012000102" }), ("HasPasscode", true));

        using var session = new PowerShellSession(importModule: false);
        var columns = Columns(type);
        Assert.DoesNotContain(columns, c => c.Property == passcodeProperty);
        foreach (var column in columns)
        {
            Assert.DoesNotContain(Passcode, Evaluate(session, column, instance));
        }
        Assert.Contains(columns, c => Evaluate(session, c, instance) == "****");
    }

    [Theory]
    [InlineData("systemDefault")]
    [InlineData("unchanged")]
    [InlineData("systemdefault")]
    public void Group_view_shows_the_API_words_that_are_not_passcodes(string word)
    {
        var column = Assert.Single(Columns("TnOptionGroup"), c => c.Label == "PortOutPasscode");
        using var session = new PowerShellSession(importModule: false);
        Assert.Equal(word, Evaluate(session, column, Row(("PortOutPasscode", word))));
    }

    [Fact]
    public void Order_view_counts_the_numbers_by_outcome_so_already_protected_ones_are_done()
    {
        using var core = new CoreTypes();
        object Outcome(string number, string kind) => core.New("TnOutcome", ("TelephoneNumber", number), ("Outcome", core.Enum("TnOutcomeKind", kind)));
        var order = core.New("TnOptionOrder", ("ProcessingStatus", "FAILED"), // Bandwidth says FAILED when every number was 5195
            ("TelephoneNumbers", new[] { "2015550199", "2015550198", "2012000101", "2012000102" }),
            ("Outcomes", core.Array("TnOutcome", Outcome("2015550199", "AlreadyProtected"), Outcome("2015550198", "Protected"),
                Outcome("2012000101", "Failed"), Outcome("2012000102", "Pending"))),
            ("OrderCreateDate", null), ("OrderCreateDateText", "createdDate"));
        var empty = core.New("TnOptionOrder", ("ProcessingStatus", "RECEIVED"));

        using var session = new PowerShellSession(importModule: false);
        Assert.Equal("4", Evaluate(session, Column("TnOptionOrder", "Numbers"), order));
        Assert.Equal("2", Evaluate(session, Column("TnOptionOrder", "Done"), order));
        Assert.Equal("1", Evaluate(session, Column("TnOptionOrder", "Failed"), order));
        Assert.Equal("1", Evaluate(session, Column("TnOptionOrder", "Pending"), order));
        Assert.Equal("createdDate", Evaluate(session, Column("TnOptionOrder", "Created"), order));
        Assert.Equal("0", Evaluate(session, Column("TnOptionOrder", "Numbers"), empty));
        Assert.Equal("0", Evaluate(session, Column("TnOptionOrder", "Failed"), empty));
    }

    [Fact]
    public void Subscription_view_shows_a_callback_URL_without_its_query_and_an_e_mail_address_as_it_is()
    {
        using var core = new CoreTypes();
        var target = Column("BwSubscription", "Target");
        using var session = new PowerShellSession(importModule: false);
        Assert.Equal("https://hooks.example.com/bw?…",
            Evaluate(session, target, core.New("BwSubscription", ("CallbackUrl", "https://hooks.example.com/bw?key=k3y-s3cret"))));
        Assert.Equal("https://hooks.example.com/bw", Evaluate(session, target, core.New("BwSubscription", ("CallbackUrl", "https://hooks.example.com/bw"))));
        Assert.Equal("noc@example.com", Evaluate(session, target, core.New("BwSubscription", ("Email", "noc@example.com"))));
        Assert.Equal("Callback", Evaluate(session, Column("BwSubscription", "Channel"), core.New("BwSubscription", ("CallbackUrl", "https://h.example/x"))));
    }

    [Fact]
    public void Port_out_view_counts_the_numbers_and_names_the_billing_number()
    {
        using var core = new CoreTypes();
        using var session = new PowerShellSession(importModule: false);
        var listed = core.New("BwPortOut", ("CountOfTNs", (int?)3), ("BillingTelephoneNumber", "2012000101"), ("TelephoneNumbers", new[] { "2012000101" }));
        var single = core.New("BwPortOut", ("TelephoneNumbers", new[] { "2012000102" }));
        Assert.Equal("3", Evaluate(session, Column("BwPortOut", "Numbers"), listed));
        Assert.Equal("2012000101 …", Evaluate(session, Column("BwPortOut", "TelephoneNumber"), listed));
        Assert.Equal("1", Evaluate(session, Column("BwPortOut", "Numbers"), single));
        Assert.Equal("2012000102", Evaluate(session, Column("BwPortOut", "TelephoneNumber"), single));
        Assert.Equal("512E", Evaluate(session, Column("BwPortOut", "Vendor"), core.New("BwPortOut", ("VendorId", "512E"))));
        Assert.Equal("Winning Co", Evaluate(session, Column("BwPortOut", "Vendor"), core.New("BwPortOut", ("VendorId", "512E"), ("VendorName", "Winning Co"))));
    }

    [Fact]
    public void Module_renders_its_views_for_the_real_types_through_Out_Default()
    {
        using var core = new CoreTypes();
        var samples = new (string Type, object Instance, string[] Expected)[]
        {
            ("PortOutPasscodeInfo", core.New("PortOutPasscodeInfo", ("TelephoneNumber", "2012000101"), ("HasPasscode", true), ("Passcode", Passcode)),
                new[] { "TelephoneNumber", "HasPasscode", "Passcode", "2012000101", "****" }),
            ("TnOptionOrder", core.New("TnOptionOrder", ("OrderId", "4f1e2d3c-0000-4000-8000-000000000001"), ("CustomerOrderId", "pop-x-1"),
                    ("ProcessingStatus", "COMPLETE"), ("TelephoneNumbers", new[] { "2012000101" })),
                new[] { "OrderId", "CustomerOrderId", "Status", "Numbers", "Done", "Failed", "Pending", "Created", "4f1e2d3c-0000-4000-8000-000000000001", "COMPLETE" }),
            ("TnOutcome", core.New("TnOutcome", ("TelephoneNumber", "2012000101"), ("Outcome", core.Enum("TnOutcomeKind", "AlreadyProtected")), ("Code", "5195"), ("OrderId", "ord-1")),
                new[] { "TelephoneNumber", "Outcome", "Code", "Description", "OrderId", "AlreadyProtected", "5195", "ord-1" }),
            ("TnOptionOrderSummary", core.New("TnOptionOrderSummary", ("OrderId", "sum-1"), ("OrderStatus", "FAILED"), ("CountOfTNs", (int?)7)),
                new[] { "OrderId", "Status", "Numbers", "OrderDate", "sum-1", "FAILED", "7" }),
            ("TnOptionGroup", core.New("TnOptionGroup", ("PortOutPasscode", Passcode), ("TelephoneNumbers", new[] { "2012000101" })),
                new[] { "PortOutPasscode", "Numbers", "****", "2012000101" }),
            ("TnOptionError", core.New("TnOptionError", ("Code", "5076"), ("Description", "not on this account"), ("TelephoneNumbers", new[] { "2015550199" })),
                new[] { "Code", "Description", "5076", "not on this account", "2015550199" }),
            ("TnOptionWarning", core.New("TnOptionWarning", ("TelephoneNumber", "2015550199"), ("Description", "a warning")),
                new[] { "TelephoneNumber", "Description", "2015550199", "a warning" }),
            ("OrderHistoryEntry", core.New("OrderHistoryEntry", ("OrderId", "hist-1"), ("Status", "complete"), ("Author", "System"), ("Note", "done")),
                new[] { "OrderId", "OrderDate", "Status", "Author", "Note", "hist-1", "complete", "System", "done" }),
            ("BwPortOut", core.New("BwPortOut", ("OrderId", "po-1"), ("ProcessingStatus", "EXCEPTION"), ("CountOfTNs", (int?)2),
                    ("BillingTelephoneNumber", "2012000101"), ("TelephoneNumbers", new[] { "2012000101" }), ("ErrorCode", "7610"),
                    ("VendorId", "512E"), ("Pon", "PON-1")),
                new[] { "OrderId", "Status", "Numbers", "TelephoneNumber", "ErrorCode", "LastModified", "RequestedFoc", "Vendor", "PON",
                    "po-1", "EXCEPTION", "2012000101 …", "7610", "512E", "PON-1" }),
            ("BwSubscription", core.New("BwSubscription", ("SubscriptionId", "sub-1"), ("OrderType", "portouts"), ("Email", "noc@example.com"),
                    ("DigestRequested", "DAILY")),
                new[] { "SubscriptionId", "OrderType", "Channel", "Target", "Digest", "ExpirySec", "LastCallback", "sub-1", "portouts", "Email",
                    "noc@example.com", "DAILY" }),
        };

        using var host = new CapturingHost();
        foreach (var (type, instance, expected) in samples)
        {
            var text = host.Render(instance);
            Assert.Contains("PortOutPasscode." + type, instance.GetType().FullName);
            foreach (var piece in expected) Assert.True(text.Contains(piece), $"{type}: '{piece}' not in\n{text}");
            Assert.DoesNotContain(Passcode, text);
            // A table, not the list the engine falls back to without a view.
            Assert.DoesNotContain(" : ", text);
        }
    }

    // ------------------------------------------------------------------ helpers

    private sealed record ColumnInfo(string Label, string? Property, string? Script);

    private static XDocument Document() => XDocument.Load(FormatFile);

    private static XElement View(string type)
    {
        var views = Document().Descendants("View")
            .Where(v => v.Element("ViewSelectedBy")!.Elements("TypeName").Any(t => t.Value.Trim() == "PortOutPasscode." + type)).ToList();
        Assert.True(views.Count == 1, $"PortOutPasscode.{type}: {views.Count} views");
        return views[0];
    }

    private static List<ColumnInfo> Columns(string type)
    {
        var table = View(type).Element("TableControl")!;
        var labels = table.Descendants("TableColumnHeader").Select(h => h.Element("Label")?.Value.Trim() ?? "").ToList();
        var items = table.Descendants("TableColumnItem").ToList();
        return labels.Zip(items, (label, item) => new ColumnInfo(label, item.Element("PropertyName")?.Value.Trim(), item.Element("ScriptBlock")?.Value)).ToList();
    }

    private static ColumnInfo Column(string type, string label) => Assert.Single(Columns(type), c => c.Label == label);

    /// <summary>The names of $_.Name member reads in a script block.</summary>
    private static string[] DollarUnderscoreMembers(string script) =>
        Parser.ParseInput(script, out _, out _)
            .FindAll(a => a is MemberExpressionAst { Expression: VariableExpressionAst { VariablePath.UserPath: "_" }, Member: StringConstantExpressionAst }, true)
            .Select(a => ((StringConstantExpressionAst)((MemberExpressionAst)a).Member).Value)
            .Distinct().ToArray();

    /// <summary>What the column shows for the object: its property, or its script block run with $_ bound to the object.</summary>
    private static string Evaluate(PowerShellSession session, ColumnInfo column, object instance)
    {
        var result = column.Property != null
            ? session.Run("$args[0].($args[1])", instance, column.Property).AssertNoErrors()
            : session.Run("$column = [scriptblock]::Create($args[1]); $args[0] | ForEach-Object $column", instance, column.Script).AssertNoErrors();
        return string.Join(",", result.Output.Select(o => o?.ToString() ?? ""));
    }

    private static PSObject Row(params (string Name, object? Value)[] properties) => Rows.Row(properties);

    /// <summary>The module's output types from the built PortOutPasscode.Model.dll, in a context of their own.</summary>
    private sealed class CoreTypes : IDisposable
    {
        private readonly AssemblyLoadContext _context;
        private readonly Assembly _core;

        public CoreTypes()
        {
            var dependencies = Path.Combine(RepoPaths.ModuleFolder, "Core");
            _context = new AssemblyLoadContext("format-tests", isCollectible: true);
            _context.Resolving += (context, name) =>
            {
                var path = Path.Combine(dependencies, name.Name + ".dll");
                return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
            };
            _core = _context.LoadFromAssemblyPath(Path.Combine(RepoPaths.ModuleFolder, "PortOutPasscode.Model.dll"));
        }

        public Type Type(string name) =>
            _core.GetType("PortOutPasscode." + name) ?? throw new InvalidOperationException($"PortOutPasscode.Model has no type PortOutPasscode.{name}");

        public object Enum(string type, string value) => System.Enum.Parse(Type(type), value);

        /// <summary>A new instance with these properties set; properties the type lacks are skipped.</summary>
        public object New(string type, params (string Name, object? Value)[] properties)
        {
            var real = Type(type);
            var instance = Activator.CreateInstance(real)!;
            foreach (var (name, value) in properties)
            {
                var property = real.GetProperty(name);
                if (property?.SetMethod == null) continue;
                property.SetValue(instance, value);
            }
            return instance;
        }

        public Array Array(string type, params object[] items)
        {
            var array = System.Array.CreateInstance(Type(type), items.Length);
            for (var i = 0; i < items.Length; i++) array.SetValue(items[i], i);
            return array;
        }

        public void Dispose() => _context.Unload();
    }

    /// <summary>A runspace with a host that records what Out-Default writes, with the module imported.</summary>
    private sealed class CapturingHost : IDisposable
    {
        private readonly RecordingHost _host = new();
        private readonly Runspace _runspace;

        public CapturingHost()
        {
            _runspace = PortOutPasscode.Hosting.HostedEngine.OpenRunspace(_host);
            Run("Import-Module $args[0] -ErrorAction Stop; $PSStyle.OutputRendering = 'PlainText'", RepoPaths.ModuleManifest);
        }

        public string Render(object instance)
        {
            _host.Text.Clear();
            Run("$args[0] | Out-Default", instance);
            return _host.Text.ToString();
        }

        private void Run(string script, params object[] args)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            foreach (var arg in args) shell.AddArgument(arg);
            shell.Invoke();
            Assert.True(shell.Streams.Error.Count == 0, string.Join("\n", shell.Streams.Error));
        }

        public void Dispose() => _runspace.Dispose();
    }
}
