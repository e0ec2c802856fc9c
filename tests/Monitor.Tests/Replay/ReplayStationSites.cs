namespace Monitor.Tests.Replay;

/// <summary>The six replayed station sites and the profile each one is read with: (host, profile name, which is also the station id).</summary>
public static class ReplayStationSites
{
    public static TheoryData<string, string> WithProfiles => new()
    {
        { "thainguyentv.vn", "thai-nguyen" },
        { "truyenhinhthanhhoa.vn", "thanh-hoa" },
        { "langsontv.vn", "lang-son" },
        { "dienbientv.vn", "dien-bien" },
        { "baoquangninh.vn", "quang-ninh" },
        { "caobangtv.vn", "cao-bang" },
    };
}
