using Monitor.Domain;

namespace Monitor.Configuration.Channels;

/// <summary>
/// Reads the kind-specific keys of one channel entry. One small parser per channel kind; a new
/// kind is a new file plus one line in <see cref="ChannelParsers"/>. The common keys (id, kind,
/// schedule, confirmed) are read before the parser runs; unknown keys are reported after it.
/// </summary>
internal interface IChannelParser
{
    /// <summary>The <c>kind:</c> value this parser reads, e.g. <c>website</c>.</summary>
    string Kind { get; }

    /// <summary>The channel, or null after reporting what is wrong through <see cref="ChannelParseContext.Map"/>.</summary>
    Channel? Parse(ChannelParseContext context);
}
