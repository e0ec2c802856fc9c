using Elastic.Transport;

namespace Monitor.Bench;

/// <summary>
/// The client's request path without a network: the transport serialises the request body into a
/// stream that counts and discards (where a socket would be), and a canned bulk answer comes back.
/// </summary>
internal sealed class SocketlessInvoker : IRequestInvoker
{
    // With the product header, or the client's product check refuses the answer.
    private readonly InMemoryRequestInvoker answers = new(
        """{"took":1,"errors":false,"items":[]}"""u8.ToArray(),
        200,
        null,
        "application/vnd.elasticsearch+json;compatible-with=9",
        new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase) { ["X-Elastic-Product"] = ["Elasticsearch"] });

    public DiscardingStream Socket { get; } = new();

    public ResponseFactory ResponseFactory => answers.ResponseFactory;

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new()
    {
        postData?.Write(Socket, boundConfiguration.ConnectionSettings, boundConfiguration.DisableDirectStreaming);
        return answers.BuildResponse<TResponse>(endpoint, boundConfiguration, null);
    }

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        if (postData is not null)
        {
            await postData.WriteAsync(Socket, boundConfiguration.ConnectionSettings, boundConfiguration.DisableDirectStreaming, cancellationToken);
        }

        return await answers.BuildResponseAsync<TResponse>(endpoint, boundConfiguration, null, cancellationToken);
    }

    public void Dispose()
    {
    }
}
