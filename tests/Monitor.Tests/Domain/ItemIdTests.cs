using Monitor.Domain;

namespace Monitor.Tests.Domain;

public sealed class ItemIdTests
{
    [Fact]
    public void WebId_SameCanonicalUrl_SameId()
    {
        Item.WebId("https://thainguyentv.vn/tin-tuc/a-1.html")
            .ShouldBe(Item.WebId("https://thainguyentv.vn/tin-tuc/a-1.html"));
    }

    [Fact]
    public void WebId_DifferentUrls_DifferentIds()
    {
        Item.WebId("https://thainguyentv.vn/a").ShouldNotBe(Item.WebId("https://thainguyentv.vn/b"));
    }

    [Fact]
    public void PlatformId_UsesLowerCaseWireName()
    {
        Item.PlatformId(Platform.YouTube, "abc").ShouldBe("youtube:abc");
    }
}
