-- Internal tags (`#…`) get slugs of their own, starting with `_`, which no public slug
-- can: before this, `#Đô thị` and `Đô thị` would have been taken for one tag.
UPDATE tags SET slug = '_' || slug WHERE name LIKE '#%' AND substr(slug, 1, 1) <> '_';
