namespace Monitor.Language;

/// <summary>How a model was made: stored in the model file so a score can always be traced to its data and settings.</summary>
public sealed record ModelMetadata(
    DateTimeOffset TrainedAt,
    string TrainFile,
    string TrainSha256,
    int TrainDocuments,
    double C,
    int Seed,
    string? DevFile,
    double? DevMacroF1,
    double? DevAccuracy,
    string Calibration);
