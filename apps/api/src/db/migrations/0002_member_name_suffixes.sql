CREATE TABLE "member_name_suffixes" (
	"suffix" text COLLATE "C" NOT NULL,
	"name_key" text COLLATE "C" NOT NULL,
	"member_id" uuid NOT NULL,
	"union_path" text COLLATE "C" NOT NULL
);
--> statement-breakpoint
-- Ordered by the matched suffix, then the name: a search page is one range of this index, and
-- the scope and the "first matching word" check are read from the index alone.
CREATE INDEX "member_name_suffixes_idx" ON "member_name_suffixes" USING btree ("suffix", "name_key", "member_id") INCLUDE ("union_path");
--> statement-breakpoint
-- Each later word of a normalized name with the rest of the name after it, exact substrings of
-- the name (so a suffix's position is length(name) - length(suffix) + 1).
CREATE OR REPLACE FUNCTION liendoan_name_suffixes(name_key text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT array_to_string(words[i:], ' ')
      FROM string_to_array(name_key, ' ') AS words, generate_subscripts(words, 1) AS i
     WHERE i > 1 AND words[i] <> ''
  $$;
--> statement-breakpoint
-- New members, once per statement: a 100,000-row import is one set-based insert.
CREATE OR REPLACE FUNCTION liendoan_insert_name_suffixes() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_name_suffixes (suffix, name_key, member_id, union_path)
  SELECT s.suffix, n.name_key, n.id, n.union_path
    FROM new_members n, liendoan_name_suffixes(n.name_key) AS s(suffix);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER members_insert_name_suffixes
  AFTER INSERT ON members REFERENCING NEW TABLE AS new_members
  FOR EACH STATEMENT EXECUTE FUNCTION liendoan_insert_name_suffixes();
--> statement-breakpoint
-- A renamed, moved (transfer, restructuring), erased or deleted member: its old suffixes go
-- (found through the index by their exact keys), the new ones come.
CREATE OR REPLACE FUNCTION liendoan_replace_name_suffixes() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM member_name_suffixes
     WHERE suffix = ANY (ARRAY(SELECT liendoan_name_suffixes(OLD.name_key)))
       AND name_key = OLD.name_key AND member_id = OLD.id;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO member_name_suffixes (suffix, name_key, member_id, union_path)
    SELECT s.suffix, NEW.name_key, NEW.id, NEW.union_path FROM liendoan_name_suffixes(NEW.name_key) AS s(suffix);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER members_update_name_suffixes
  AFTER UPDATE ON members
  FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key OR OLD.union_path IS DISTINCT FROM NEW.union_path)
  EXECUTE FUNCTION liendoan_replace_name_suffixes();
--> statement-breakpoint
CREATE TRIGGER members_delete_name_suffixes
  AFTER DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION liendoan_replace_name_suffixes();
--> statement-breakpoint
INSERT INTO member_name_suffixes (suffix, name_key, member_id, union_path)
SELECT s.suffix, m.name_key, m.id, m.union_path FROM members m, liendoan_name_suffixes(m.name_key) AS s(suffix);
--> statement-breakpoint
-- Substring search now reads member_name_suffixes: the name walk needs only the scope.
DROP INDEX "members_name_key_idx";
--> statement-breakpoint
CREATE INDEX "members_name_key_idx" ON "members" USING btree ("name_key", "id") INCLUDE ("union_path");
