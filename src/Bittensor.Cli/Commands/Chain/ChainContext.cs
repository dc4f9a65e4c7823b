using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Wallet;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Rpc;
using Bittensor.Sdk.Wallets;
using Spectre.Console;
using Spectre.Console.Rendering;
using SdkWallet = Bittensor.Sdk.Wallets.Wallet;

namespace Bittensor.Cli.Commands.Chain;

/// <summary>
/// One on-chain command's invocation: the node it talks to (<see cref="ConnectAsync(CancellationToken)"/>), the wallet and its keys
/// (<see cref="UnlockColdkey"/>, <see cref="LoadHotkey"/>, <see cref="ColdkeyAccount()"/>, <see cref="HotkeyAccount"/>),
/// confirmation before spending (<see cref="Confirm"/>), progress on standard error (<see cref="Progress"/>), results
/// on standard output as aligned tables (<see cref="WriteTable"/>) or JSON (<see cref="WriteJson"/>), and submitting a
/// call with a uniform report (<see cref="SubmitAsync"/>, <see cref="Report"/>). Dispose it to close the connection.
/// Run the command's body inside <see cref="ChainCommand.RunAsync"/> so failures become exit codes.
/// </summary>
internal sealed class ChainContext : IAsyncDisposable
{
    /// <summary>The width tables may take when the output is not a terminal: wide enough that no cell wraps.</summary>
    private const int PlainWidth = 4096;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WalletContext _wallet;
    private ChainClient? _client;

    /// <summary>Reads the options of <paramref name="options"/> from <paramref name="parseResult"/>; bad values are a <see cref="CliUsageException"/>.</summary>
    public ChainContext(CliConsole console, ParseResult parseResult, ChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(options);
        Console = console;
        _wallet = new WalletContext(console, parseResult, options.Wallet);
        Endpoint = ChainOptions.ResolveEndpoint(
            parseResult.GetValue(options.ChainEndpoint),
            parseResult.GetValue(options.Network),
            console.Environment.Get(ChainOptions.EndpointVariable));
        var seconds = parseResult.GetValue(options.Timeout);
        if (seconds is < 1 or > 3600)
        {
            throw new CliUsageException($"--timeout {seconds}: give a number of seconds from 1 to 3600.");
        }

        Timeout = TimeSpan.FromSeconds(seconds);
        if (parseResult.GetValue(options.WaitForFinalization) && parseResult.GetValue(options.WaitForInclusion))
        {
            throw new CliUsageException("--wait-for-inclusion and --wait-for-finalization contradict each other; give one.");
        }

        WaitFor = parseResult.GetValue(options.WaitForFinalization) ? TransactionWait.Finalized : TransactionWait.InBlock;
    }

    /// <summary>The streams and environment.</summary>
    public CliConsole Console { get; }

    /// <summary>The wallet the options name (it may not exist).</summary>
    public SdkWallet Wallet => _wallet.Wallet;

    /// <summary>True with <c>--json</c>: results go to standard output as one JSON document.</summary>
    public bool Json => _wallet.Json;

    /// <summary>True with <c>--no-prompt</c>: nothing is asked; confirmations count as yes and passwords come from the environment only.</summary>
    public bool NoPrompt => _wallet.NoPrompt;

    /// <summary>The node's URL, resolved from <c>--chain-endpoint</c>, <c>$BT_SUBTENSOR_CHAIN_ENDPOINT</c> or <c>--network</c>.</summary>
    public string Endpoint { get; }

    /// <summary><c>--timeout</c>: for connecting and for each answer of the node.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How long transactions are waited for: in a block (default) or final (<c>--wait-for-finalization</c>).</summary>
    public TransactionWait WaitFor { get; }

    /// <summary>
    /// The connected client (opened on the first call, then reused). A node that cannot be reached is a
    /// <see cref="ChainCommandException"/> that says so and how to start one.
    /// </summary>
    public Task<ChainClient> ConnectAsync(CancellationToken cancellationToken = default) => ConnectAsync(reconnect: false, cancellationToken);

    /// <summary>
    /// <see cref="ConnectAsync(CancellationToken)"/>; with <paramref name="reconnect"/> a WebSocket that closes is opened
    /// again by the next call (for the long-running commands).
    /// </summary>
    public async Task<ChainClient> ConnectAsync(bool reconnect, CancellationToken cancellationToken = default)
    {
        if (_client is not null)
        {
            return _client;
        }

        Progress($"Connecting to {Endpoint} ...");
        try
        {
            _client = await ChainClient.ConnectAsync(Endpoint, new RpcClientOptions { ConnectTimeout = Timeout, RequestTimeout = Timeout, Reconnect = reconnect }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcConnectionException or RpcTimeoutException or System.Net.WebSockets.WebSocketException or System.Net.Http.HttpRequestException or IOException)
        {
            throw new ChainCommandException($"cannot connect to the node at {Endpoint}: {e.Message}", ChainCommand.NodeHint, e);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        return _client;
    }

    /// <summary>
    /// The coldkey with its secret, for signing: asks for the password on standard error (or takes
    /// <c>BT_COLD_PW_&lt;NAME&gt;</c>). With <c>--no-prompt</c> and an encrypted coldkey but no such variable, a
    /// <see cref="CliUsageException"/> (exit 2). A missing wallet is a <see cref="ChainCommandException"/>.
    /// </summary>
    public Keypair UnlockColdkey()
    {
        var file = Wallet.Coldkey;
        if (!file.Exists)
        {
            throw new ChainCommandException(
                $"wallet '{Wallet.Name}' has no coldkey at {file.Path}.",
                "Create one with `btcli wallet create`, restore one with `btcli wallet regen-coldkey`, or choose another with --wallet.name / --wallet.path.");
        }

        var provider = file.IsEncrypted ? _wallet.ForUnlocking(file) : null;
        return Wallet.UnlockColdkey(provider);
    }

    /// <summary>
    /// The coldkey's account, without its secret: from <c>coldkeypub.txt</c>, else from an unencrypted coldkey. A
    /// wallet with neither is a <see cref="ChainCommandException"/>.
    /// </summary>
    public AccountId ColdkeyAccount() => ColdkeyAccount(Wallet);

    /// <summary>The account of <paramref name="wallet"/>'s coldkey, as <see cref="ColdkeyAccount()"/>.</summary>
    public static AccountId ColdkeyAccount(SdkWallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        if (wallet.ColdkeyPub.Exists)
        {
            return wallet.GetColdkeyPub().PublicKey;
        }

        if (wallet.Coldkey.Exists && wallet.Coldkey.LoadPublic() is { } key)
        {
            return key.PublicKey;
        }

        throw new ChainCommandException(
            $"wallet '{wallet.Name}' has no coldkeypub.txt in {wallet.Directory}.",
            "Create a wallet with `btcli wallet create`, or write its public part with `btcli wallet regen-coldkeypub --ss58 ADDRESS`.");
    }

    /// <summary>The hotkey the options name, with its secret (an encrypted hotkey asks for its password like the coldkey).</summary>
    public Keypair LoadHotkey()
    {
        var file = Wallet.Hotkey;
        if (!file.Exists)
        {
            throw new ChainCommandException(
                $"wallet '{Wallet.Name}' has no hotkey '{Wallet.HotkeyName}' at {file.Path}.",
                "Create one with `btcli wallet new-hotkey`, or choose another with --wallet.hotkey (see `btcli wallet list`).");
        }

        var provider = file.IsEncrypted ? _wallet.ForUnlocking(file) : null;
        return Wallet.UnlockHotkey(provider);
    }

    /// <summary>The account of the hotkey the options name, read without asking for a password when the file is plain.</summary>
    public AccountId HotkeyAccount()
    {
        var file = Wallet.Hotkey;
        if (file.Exists && file.LoadPublic() is { } key)
        {
            return key.PublicKey;
        }

        return LoadHotkey().PublicKey;
    }

    /// <summary>
    /// Parses an SS58 address given with <paramref name="option"/>, or throws a <see cref="CliUsageException"/> that
    /// names the option and the problem.
    /// </summary>
    public static AccountId ParseAddress(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliUsageException($"{option} is required: give an SS58 address (e.g. 5F...).");
        }

        try
        {
            return Ss58.Decode(text.Trim());
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new CliUsageException($"{option} '{text}' is not an SS58 address: {e.Message}");
        }
    }

    /// <summary>
    /// Asks <paramref name="question"/> (y/N) on standard error before spending funds or changing state; true with
    /// <c>--no-prompt</c>. When the user does not answer <c>y</c>, throws a <see cref="ChainCommandException"/>
    /// ("cancelled, nothing was submitted": exit 1).
    /// </summary>
    public void Confirm(string question)
    {
        if (NoPrompt)
        {
            return;
        }

        var answer = Console.Ask($"{question} [y/N] ")?.Trim();
        if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            throw new ChainCommandException("cancelled; nothing was submitted.");
        }
    }

    /// <summary>A progress line on standard error (so standard output carries only results).</summary>
    public void Progress(string message) => Console.Error.WriteLine(message);

    /// <summary>
    /// Signs <paramref name="call"/> with <paramref name="signer"/>, submits it and waits (<see cref="WaitFor"/>),
    /// showing progress. A call that failed in its block is a <see cref="ChainCommandException"/> carrying the decoded
    /// dispatch error (and, with <c>--json</c>, the failure is printed as JSON first); a refused transaction is a
    /// <see cref="TransactionRejectedException"/> that <see cref="ChainCommand.RunAsync"/> reports.
    /// <paramref name="what"/> names the action in messages ("transfer", "add stake").
    /// </summary>
    public async Task<TransactionResult> SubmitAsync(Keypair signer, RuntimeCall call, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(call);
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        Progress($"Submitting {what} signed by {signer.Ss58Address}; waiting until it is {(WaitFor == TransactionWait.Finalized ? "final" : "in a block")} ...");
        var options = new TransactionOptions { WaitFor = WaitFor, Timeout = Timeout < TimeSpan.FromMinutes(2) ? TimeSpan.FromMinutes(2) : Timeout };
        var result = await client.SignAndSubmitAsync(signer.Ed25519, call, options, cancellationToken).ConfigureAwait(false);
        if (!result.Success)
        {
            if (Json)
            {
                WriteJson(ResultJson(result, what));
            }

            var error = result.Error;
            throw new ChainCommandException(
                $"{what} failed in block #{result.BlockNumber}: {error?.ToString() ?? "unknown error"} (the fee of {Tao.Format(result.Fee)} was paid; nothing else changed).",
                HintFor(error));
        }

        Progress($"Included in block #{result.BlockNumber} ({result.BlockHash.ToHex()}), fee {Tao.Format(result.Fee)}.");
        return result;
    }

    /// <summary>
    /// Prints a successful <paramref name="result"/>: with <c>--json</c> an object with <c>success</c>,
    /// <c>action</c>, <c>block</c>, <c>blockHash</c>, <c>transactionHash</c>, <c>finalized</c>, <c>fee</c> (TAO
    /// string), <c>feeRao</c>, <c>events</c> and the members of <paramref name="extra"/>; otherwise
    /// <paramref name="summary"/> and the block line. Returns 0.
    /// </summary>
    public int Report(TransactionResult result, string what, string summary, JsonObject? extra = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Json)
        {
            var json = ResultJson(result, what);
            if (extra is not null)
            {
                foreach (var (key, value) in extra.ToArray())
                {
                    extra.Remove(key);
                    json[key] = value;
                }
            }

            WriteJson(json);
            return 0;
        }

        Console.Out.WriteLine(summary);
        Console.Out.WriteLine($"Block #{result.BlockNumber} {result.BlockHash.ToHex()}, fee {Tao.Format(result.Fee)}, events: {string.Join(", ", result.Events.Select(e => e.Name))}");
        return 0;
    }

    /// <summary>Writes <paramref name="json"/> indented on standard output.</summary>
    public void WriteJson(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Console.Out.WriteLine(json.ToJsonString(Indented));
    }

    /// <summary>
    /// Writes an aligned text table on standard output: a header row, then <paramref name="rows"/>, columns separated
    /// by two spaces; cells that look numeric (digits, <c>τ</c> amounts) are right-aligned. An optional
    /// <paramref name="title"/> line comes first and <paramref name="footer"/> last.
    /// </summary>
    public void WriteTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? title = null, string? footer = null) =>
        RenderTable(Console.Out, Console.OutIsTerminal, headers, rows, title, footer);

    /// <summary>The plain text (no colours, a Markdown-style grid) <see cref="WriteTable"/> prints when the output is not a terminal.</summary>
    public static string FormatTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? title = null, string? footer = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        RenderTable(writer, terminal: false, headers, rows, title, footer);
        return writer.ToString();
    }

    /// <summary>
    /// Renders a Spectre.Console table to <paramref name="writer"/>: numeric columns right-aligned, cells as literal
    /// text (never markup). On a terminal it uses its width, colours and rounded borders; anywhere else a Markdown-style
    /// grid (<c>| a | b |</c>) without escape codes, as wide as the content needs, so programs can read the text.
    /// </summary>
    private static void RenderTable(TextWriter writer, bool terminal, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? title, string? footer)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var all = rows.ToList();
        var numeric = headers.Select((_, i) => all.Count > 0 && all.All(r => i >= r.Count || IsNumeric(r[i]))).ToArray();
        // Off a terminal the table is rendered as plain text first, then written without the padding Spectre adds
        // around it (blank lines of spaces, trailing spaces).
        using var plain = terminal ? null : new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(plain ?? writer),
        });
        if (!terminal)
        {
            console.Profile.Width = PlainWidth;
        }

        if (title is not null)
        {
            writer.WriteLine(title);
        }

        var table = new Table { Border = terminal ? TableBorder.Rounded : TableBorder.Markdown };
        for (var i = 0; i < headers.Count; i++)
        {
            var column = new TableColumn(new Text(headers[i], new Style(decoration: Decoration.Bold)));
            table.AddColumn(numeric[i] ? column.RightAligned() : column);
        }

        foreach (var row in all)
        {
            table.AddRow([.. headers.Select((_, i) => (IRenderable)new Text(i < row.Count ? row[i] : string.Empty))]);
        }

        console.Write(table);
        if (plain is not null)
        {
            foreach (var line in plain.ToString().Split('\n'))
            {
                if (line.TrimEnd() is { Length: > 0 } text)
                {
                    writer.WriteLine(text);
                }
            }
        }

        if (all.Count == 0)
        {
            writer.WriteLine("(none)");
        }

        if (footer is not null)
        {
            writer.WriteLine(footer);
        }

        writer.Flush();
    }

    /// <summary>A u16 fraction of the chain (0..65535) as a decimal in [0, 1] with 5 places, e.g. <c>0.18000</c>.</summary>
    public static string Fraction(ushort value) => string.Create(CultureInfo.InvariantCulture, $"{value / 65535m:0.00000}");

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
            _client = null;
        }
    }

    /// <summary>A number, an amount of TAO, a percentage, or "-" for none (an SS58 address is not, though it starts with a digit).</summary>
    private static bool IsNumeric(string cell) =>
        cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || cell[0] == 'τ' || (cell[0] == '-' && cell.Length == 1))
        && cell.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '%' or 'τ' or '-' or '_');

    private JsonObject ResultJson(TransactionResult result, string what) => new()
    {
        ["success"] = result.Success,
        ["action"] = what,
        ["block"] = result.BlockNumber,
        ["blockHash"] = result.BlockHash.ToHex(),
        ["transactionHash"] = result.TransactionHash.ToHex(),
        ["finalized"] = result.IsFinalized,
        ["fee"] = Tao.ToDecimalString(result.Fee),
        ["feeRao"] = result.Fee,
        ["events"] = new JsonArray([.. result.Events.Select(e => (JsonNode)JsonValue.Create(e.Name))]),
        ["error"] = result.Error is { } error ? new JsonObject { ["name"] = error.QualifiedName, ["message"] = error.Message } : null,
        ["endpoint"] = Endpoint,
    };

    private static string? HintFor(DispatchError? error) => error?.Name switch
    {
        "InsufficientBalance" or "NotEnoughBalanceToStake" or "BalanceWithdrawalError" or "NotEnoughBalance" or "Expendability" or "ExistentialDeposit" => "Check the balance with `btcli wallet balance` and send a smaller amount.",
        "NotEnoughStaketoWithdraw" => "Check the stake with `btcli stake show`.",
        "NotRegistered" => "Register the hotkey first (`btcli root register`, or `btcli subnets register --netuid N`).",
        "NotDelegate" => "The hotkey is not a delegate: its owner can make it one with `btcli root nominate`.",
        "NonAssociatedColdKey" => "The hotkey belongs to another coldkey: use your own hotkey, or one that is a delegate.",
        "StakeTooLowForRoot" or "BelowStakeThreshold" => "Add stake to the hotkey first (`btcli stake add`).",
        "TxRateLimitExceeded" or "StakeRateLimitExceeded" or "UnstakeRateLimitExceeded" or "SettingWeightsTooFast" => "Wait a few blocks and try again.",
        _ => null,
    };
}
