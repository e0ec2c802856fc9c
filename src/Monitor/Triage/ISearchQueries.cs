namespace Monitor.Triage;

/// <summary>
/// Full-text search over item titles and bodies, or over comments, insensitive to case and
/// Vietnamese diacritics (<c>thai nguyen</c> finds <c>Thái Nguyên</c>, <c>dien bien</c> finds
/// <c>Điện Biên</c>); every word of the query must match. Same answers on SQLite and Elasticsearch.
/// </summary>
public interface ISearchQueries
{
    Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);
}
