import { ActionIcon, Alert, Button, Card, Checkbox, Grid, Group, MultiSelect, NumberInput, Select, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core'
import { TimeInput } from '@mantine/dates'
import { useForm, type UseFormReturnType } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Sectors } from '@liendoan/contracts'
import { DateField } from '../../components/date-field'
import { FormActions } from '../../components/form-actions'
import { useOfficerPositions } from '../../components/officer-position-select'
import { StaleRecordAlert } from '../../components/stale-record-alert'
import { UnionSelect } from '../../components/union-select'
import { useTrainingTopics } from './api/list-training-topics'
import { emptySession, type TrainingFormValues } from './training-body'

export function useTrainingForm(initialValues: TrainingFormValues) {
  return useForm<TrainingFormValues>({ initialValues })
}

interface TrainingFormProps {
  form: UseFormReturnType<TrainingFormValues>
  mode: 'create' | 'edit'
  /** The class is running: its sessions and audience are fixed. */
  scheduleFixed?: boolean
  submitting: boolean
  staleError?: boolean
  onReload?: () => void
  onCancel: () => void
  onSubmit: (values: TrainingFormValues) => void
}

/**
 * Creation and edit of a class. Tab moves in reading order, Enter in a text field
 * saves; sessions are rows that can be added and removed from the keyboard.
 */
export function TrainingForm({ form, mode, scheduleFixed, submitting, staleError, onReload, onCancel, onSubmit }: TrainingFormProps) {
  const { t, i18n } = useTranslation()
  const topics = useTrainingTopics()
  const positions = useOfficerPositions()
  const en = i18n.language === 'en'
  const lastPlace = form.values.sessions.at(-1)?.place ?? ''

  return (
    <form noValidate onSubmit={form.onSubmit(onSubmit)} data-testid="training-form">
      <Stack>
        {staleError && <StaleRecordAlert title={t('trainingForm.staleTitle')} onReload={onReload} />}
        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('trainingForm.generalSection')}
          </Title>
          <Grid gutter="sm">
            <Grid.Col span={12}>
              <TextInput label={t('trainings.fields.title')} required maxLength={300} autoFocus autoComplete="off" {...form.getInputProps('title')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <MultiSelect
                label={t('trainings.fields.topics')}
                placeholder={t('trainingForm.topicsPlaceholder')}
                required
                searchable
                data={(topics.data ?? []).map((topic) => ({ value: topic.id, label: en ? topic.nameEn : topic.name }))}
                {...form.getInputProps('topicIds')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              {mode === 'create' ? (
                <UnionSelect
                  label={t('trainings.fields.organiser')}
                  required
                  value={form.values.organiserUnionId}
                  onChange={(id) => form.setFieldValue('organiserUnionId', id)}
                  error={form.errors.organiserUnionId}
                />
              ) : null}
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('trainings.fields.description')} autosize minRows={2} maxLength={4000} {...form.getInputProps('description')} />
            </Grid.Col>
          </Grid>
        </Card>

        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('trainingForm.audienceSection')}
          </Title>
          {scheduleFixed && (
            <Alert color="gray" mb="sm" p="xs">
              {t('trainingForm.fixedWhileRunning')}
            </Alert>
          )}
          <Grid gutter="sm">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <MultiSelect
                label={t('trainings.fields.positions')}
                description={t('trainingForm.positionsHint')}
                searchable
                disabled={scheduleFixed}
                data={(positions.data ?? []).map((position) => ({ value: position.code, label: en ? position.nameEn : position.name }))}
                {...form.getInputProps('positions')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select
                label={t('trainings.fields.sector')}
                description={' '}
                placeholder={t('trainings.anySector')}
                clearable
                disabled={scheduleFixed}
                data={Sectors.map((sector) => ({ value: sector, label: t(`union.sectors.${sector}`) }))}
                {...form.getInputProps('sector')}
              />
            </Grid.Col>
          </Grid>
        </Card>

        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('trainingForm.sessionsSection')}
          </Title>
          <Stack gap="xs">
            {form.values.sessions.map((session, index) => (
              <Grid key={session.key} gutter="sm" align="flex-start" data-testid={`session-row-${index}`}>
                <Grid.Col span={{ base: 12, sm: 3 }}>
                  <DateField
                    label={`${t('trainingForm.date')} ${index + 1}`}
                    required
                    disabled={scheduleFixed}
                    {...form.getInputProps(`sessions.${index}.date`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 2 }}>
                  <TimeInput label={t('trainingForm.startTime')} required disabled={scheduleFixed} {...form.getInputProps(`sessions.${index}.startTime`)} />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 2 }}>
                  <TimeInput label={t('trainingForm.endTime')} required disabled={scheduleFixed} {...form.getInputProps(`sessions.${index}.endTime`)} />
                </Grid.Col>
                <Grid.Col span={{ base: 10, sm: 4 }}>
                  <TextInput
                    label={t('trainingForm.place')}
                    required
                    maxLength={300}
                    disabled={scheduleFixed}
                    {...form.getInputProps(`sessions.${index}.place`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 2, sm: 1 }} pt={32}>
                  {form.values.sessions.length > 1 && !scheduleFixed && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('trainingForm.removeSession', { index: index + 1 })}
                      onClick={() => form.removeListItem('sessions', index)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  )}
                </Grid.Col>
              </Grid>
            ))}
            {typeof form.errors.sessions === 'string' && (
              <Text size="sm" c="red" role="alert">
                {form.errors.sessions}
              </Text>
            )}
            {!scheduleFixed && (
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  // A new session usually follows the last one, in the same place.
                  onClick={() => form.insertListItem('sessions', emptySession(null, lastPlace))}
                >
                  {t('trainingForm.addSession')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>

        <Card withBorder>
          <Title order={3} size="h5" mb="sm">
            {t('trainingForm.ruleSection')}
          </Title>
          <Grid gutter="sm">
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <NumberInput label={t('trainings.fields.capacity')} required min={1} max={10000} allowDecimal={false} allowNegative={false} {...form.getInputProps('capacity')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <NumberInput
                label={t('trainings.fields.minAttendancePercent')}
                min={1}
                max={100}
                allowDecimal={false}
                allowNegative={false}
                suffix="%"
                {...form.getInputProps('minAttendancePercent')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }} pt={34}>
              <Checkbox label={t('trainingForm.hasTest')} {...form.getInputProps('hasTest', { type: 'checkbox' })} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <NumberInput
                label={t('trainings.fields.passMark')}
                min={0}
                max={100}
                allowDecimal={false}
                allowNegative={false}
                disabled={!form.values.hasTest}
                {...form.getInputProps('passMark')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <TagsInput label={t('trainings.fields.trainers')} description={t('trainingForm.trainersHint')} maxTags={20} {...form.getInputProps('trainers')} />
            </Grid.Col>
          </Grid>
        </Card>
        <FormActions onCancel={onCancel} submitting={submitting} />
      </Stack>
    </form>
  )
}
