namespace Monitor.Storage;

/// <summary>
/// Where collected content lives: SQLite by default (<c>AddSqliteStore</c>), Elasticsearch when
/// one machine is not enough. The three purposes are separate contracts so each caller asks for
/// only what it uses: the pipeline writes (<see cref="IContentWriter"/>), reports and the
/// dashboard query (<see cref="IContentQueries"/>), commands administer (<see cref="IContentAdmin"/>).
/// This union is what a store implements and what the registrations also offer.
/// </summary>
public interface IContentStore : IContentWriter, IContentQueries, IContentAdmin;
