using System.Numerics.Tensors;

namespace Monitor.Language.Features;

/// <summary>
/// TF-IDF as scikit-learn's <c>TfidfVectorizer(sublinear_tf=True)</c> computes it: weight
/// = (1 + ln tf) × idf, idf = ln((1 + n) / (1 + df)) + 1, each view scaled to unit length.
/// Features never seen in training have idf 0 and drop out, like words outside a vocabulary.
/// </summary>
internal static class FeatureWeighting
{
    public static void Apply(FeatureScratch scratch, ReadOnlySpan<float> idf)
    {
        var ids = scratch.Ids;
        var values = scratch.Values;
        var start = 0;
        foreach (var end in scratch.ViewEnds)
        {
            for (var i = start; i < end; i++)
            {
                values[i] = (1f + MathF.Log(values[i])) * idf[ids[i]];
            }

            var view = values.AsSpan(start, end - start);
            var norm = TensorPrimitives.Norm(view);
            if (norm > 0)
            {
                TensorPrimitives.Divide(view, norm, view);
            }

            start = end;
        }
    }

    public static float Idf(int documents, int documentFrequency) =>
        documentFrequency == 0 ? 0f : (float)(Math.Log((1.0 + documents) / (1.0 + documentFrequency)) + 1.0);
}
