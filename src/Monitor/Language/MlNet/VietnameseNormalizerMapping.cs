using Microsoft.ML.Transforms;

namespace Monitor.Language.MlNet;

/// <summary>The raw text column every model the worker loads must take.</summary>
public sealed class TextRow
{
    public string Text { get; set; } = string.Empty;
}

/// <summary>The project's normaliser's output as ML.NET columns: the normalised tokens, and their accent-free form.</summary>
public sealed class NormalizedRow
{
    public string NormalizedText { get; set; } = string.Empty;

    public string AccentFreeText { get; set; } = string.Empty;
}

/// <summary>
/// The project's <see cref="VietnameseNormalizer"/> as an ML.NET custom mapping, so a saved model
/// carries its normaliser: a zip trained here takes raw text like any other ML.NET model. Loading
/// such a zip needs this assembly registered (<see cref="MlNetModelFile"/> does so).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class VietnameseNormalizerMapping : CustomMappingFactory<TextRow, NormalizedRow>
{
    /// <summary>Stored in the model zip; renaming it breaks every zip trained before.</summary>
    public const string ContractName = "Monitor.VietnameseNormalizer.v1";

    [ThreadStatic]
    private static TokenBuffer? buffer;

    public static void Map(TextRow input, NormalizedRow output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var tokens = buffer ??= new TokenBuffer();
        VietnameseNormalizer.Default.Tokenize(input.Text ?? string.Empty, tokens);
        output.NormalizedText = Join(tokens, accentFree: false);
        output.AccentFreeText = Join(tokens, accentFree: true);
    }

    public override Action<TextRow, NormalizedRow> GetMapping() => Map;

    private static string Join(TokenBuffer tokens, bool accentFree)
    {
        var length = 0;
        foreach (var token in tokens.Tokens)
        {
            length += token.Length + 1;
        }

        if (length == 0)
        {
            return string.Empty;
        }

        return string.Create(length - 1, (tokens, accentFree), static (span, state) =>
        {
            var position = 0;
            foreach (var token in state.tokens.Tokens)
            {
                if (position > 0)
                {
                    span[position++] = ' ';
                }

                var text = state.accentFree ? state.tokens.PlainOf(token) : state.tokens.TextOf(token);
                text.CopyTo(span[position..]);
                position += text.Length;
            }
        });
    }
}
